export { EntityDeliveryCard } from './EntityDeliveryCard';
export { EntityDeliveryContent } from './EntityDeliveryContent';
export { FlowSummaryView } from './FlowSummaryView';
export { FlowTiles } from './FlowTiles';
export { HowComputed } from './HowComputed';
