import { useEntity } from '@backstage/plugin-catalog-react';
import { FlowSummaryView } from './FlowSummaryView';
import { scopeOf } from './scopeOf';

/** Entity tab (component, system or team): the five metrics, trends and drill-down. */
export function EntityDeliveryContent() {
  const { entity } = useEntity();
  return <FlowSummaryView {...scopeOf(entity)} />;
}
