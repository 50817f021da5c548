export { EntityDeliveryCard, EntityDeliveryContent } from './EntityFlow';
export { FlowSummaryView, FlowTiles, HowComputed } from './FlowView';
