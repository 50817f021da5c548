export { OrgFlowPage } from './OrgFlowPage';
export { DeliveryOverviewCard } from './DeliveryOverviewCard';
