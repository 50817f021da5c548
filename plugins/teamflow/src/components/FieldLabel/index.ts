export { FieldLabel } from './FieldLabel';
