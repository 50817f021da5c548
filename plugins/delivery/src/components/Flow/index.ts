export { EntityDeliveryCard, EntityDeliveryContent } from './EntityFlow';
export { FlowSummaryView } from './FlowSummaryView';
export { FlowTiles } from './FlowTiles';
export { HowComputed } from './HowComputed';
