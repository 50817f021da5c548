/**
 * Delivery flow (DORA) backend for Teamflow.
 *
 * @packageDocumentation
 */
export { deliveryPlugin as default } from './plugin';
export { DeliveryService } from './service/DeliveryService';
export { DeliveryStore } from './database/DeliveryStore';
