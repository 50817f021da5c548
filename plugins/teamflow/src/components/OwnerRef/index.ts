export { OwnerRef } from './OwnerRef';
