import { EntityRefLink } from '@backstage/plugin-catalog-react';

/**
 * The team a debt roll-up row belongs to: a link to the group, or words for
 * the `unowned` row (debt on entities no team owns), which is no entity.
 */
export function DebtTeam(props: { teamRef: string }) {
  return props.teamRef === 'unowned' ? (
    <>Not owned by a team</>
  ) : (
    <EntityRefLink entityRef={props.teamRef} defaultKind="group" />
  );
}
