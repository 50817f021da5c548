import { useRouteRef } from '@backstage/core-plugin-api';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { parseEntityRef } from '@backstage/catalog-model';
import {
  ATTENTION_SIGNALS,
  AttentionRow,
  AttentionSignalKey,
} from '@teamflow/plugin-teamflow-common';

/** Where a cell leads: the page that shows the number. */
export function useCellLink() {
  const entityRoute = useRouteRef(entityRouteRef);
  return (row: AttentionRow, key: AttentionSignalKey, mapLink: string) => {
    const ref = parseEntityRef(row.teamRef);
    const page = entityRoute({
      namespace: ref.namespace,
      kind: ref.kind,
      name: ref.name,
    });
    const source = ATTENTION_SIGNALS.find(s => s.key === key)!.source;
    if (source === 'delivery') return `${page}/delivery`;
    if (source === 'techDebt') return `${page}/tech-debt`;
    if (key === 'dependencies')
      return `${mapLink}?team=${encodeURIComponent(row.teamRef)}`;
    return page;
  };
}
