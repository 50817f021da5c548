export { OrgFlowPage, DeliveryOverviewCard } from './OrgFlowPage';
