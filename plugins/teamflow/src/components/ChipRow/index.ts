export { ChipRow } from './ChipRow';
