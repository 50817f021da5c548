import { parseEntityRef } from '@backstage/catalog-model';
import { EntityRefLink } from '@backstage/plugin-catalog-react';

/**
 * An owner as people read it: a link with the entity's display name where
 * the value is a reference, the value itself where it cannot be one (a
 * malformed owner is exactly what the hygiene pages point at).
 */
export function OwnerRef(props: { owner: string }) {
  try {
    const ref = parseEntityRef(props.owner, { defaultKind: 'group' });
    return <EntityRefLink entityRef={ref} />;
  } catch {
    return <>{props.owner}</>;
  }
}
