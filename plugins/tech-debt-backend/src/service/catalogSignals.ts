import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { CollectedSignal } from '@teamflow/plugin-tech-debt-node';
import { getTeamType } from '@teamflow/plugin-teamflow-common';
import { lowerRef as lower, ownerOf } from '@teamflow/plugin-teamflow-node';

/**
 * Debt the catalog itself shows:
 * - a production component depending on (or consuming) an entity whose
 *   lifecycle is `deprecated` or `experimental`;
 * - a component, system, resource or API not owned by a team (owned by a
 *   person, by a group that is not a team, or by nothing in the catalog);
 * - an API nothing consumes.
 *
 * @public
 */
export function catalogSignals(entities: Entity[]): CollectedSignal[] {
  const byRef = new Map(entities.map(e => [lower(stringifyEntityRef(e)), e]));
  // Teamflow's one rule for teams (a Team Topologies type or spec.type team).
  const isTeam = (ref: string) => {
    const g = byRef.get(ref);
    return !!g && getTeamType(g) !== undefined;
  };
  const signals: CollectedSignal[] = [];
  for (const e of entities) {
    const kind = lower(e.kind);
    if (kind === 'group') continue;
    const ref = lower(stringifyEntityRef(e));
    const relations = e.relations ?? [];
    if (kind === 'component' && e.spec?.lifecycle === 'production') {
      for (const r of relations) {
        if (r.type !== 'dependsOn' && r.type !== 'consumesApi') continue;
        const target = byRef.get(lower(r.targetRef));
        const lifecycle = target?.spec?.lifecycle;
        if (lifecycle === 'deprecated' || lifecycle === 'experimental') {
          signals.push({
            entityRef: ref,
            kind: `depends-on-${lifecycle}`,
            title: `Production component depends on ${lifecycle} ${lower(
              r.targetRef,
            )}`,
            details: {
              target: lower(r.targetRef),
              relation: r.type,
              lifecycle,
            },
          });
        }
      }
    }
    const owner = ownerOf(e);
    if (!owner || !isTeam(owner)) {
      signals.push({
        entityRef: ref,
        kind: 'no-team-owner',
        title: owner ? `Owned by ${owner}, which is not a team` : 'No owner',
        details: { owner: owner ?? '' },
      });
    }
    if (kind === 'api' && !relations.some(r => r.type === 'apiConsumedBy')) {
      signals.push({
        entityRef: ref,
        kind: 'api-without-consumers',
        title: 'No component consumes this API',
        details: {},
      });
    }
  }
  return signals;
}
