/**
 * Delivery flow (DORA) for Teamflow (classic frontend system).
 *
 * @packageDocumentation
 */
export {
  deliveryPlugin,
  DeliveryPage,
  EntityDeliveryContent,
  EntityDeliveryCard,
  DeliveryOverviewCard,
} from './plugin';
export { deliveryApiRef, DeliveryClient } from './api/DeliveryApi';
export type {
  DeliveryApi,
  FlowQuery,
  DrillDownFilter,
  SourcesResponse,
} from './api/DeliveryApi';
export { isDeliveryAvailable } from './conditions';
