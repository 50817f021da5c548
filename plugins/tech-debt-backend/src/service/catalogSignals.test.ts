import { Entity } from '@backstage/catalog-model';
import { catalogSignals } from './catalogSignals';

const e = (
  kind: string,
  name: string,
  spec: object,
  relations: Array<[string, string]> = [],
  labels: Record<string, string> = {},
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name, namespace: 'default', labels },
  spec,
  relations: relations.map(([type, targetRef]) => ({ type, targetRef })),
});

describe('catalogSignals', () => {
  it('finds deprecated and experimental dependencies, owners that are not teams and unused APIs', () => {
    const signals = catalogSignals([
      e('Group', 'team-a', { type: 'team' }),
      e('Group', 'unit', { type: 'business-unit' }),
      e('Component', 'svc', { lifecycle: 'production' }, [
        ['ownedBy', 'group:default/team-a'],
        ['dependsOn', 'component:default/old'],
        ['consumesApi', 'api:default/beta-api'],
        ['dependsOn', 'component:default/fine'],
      ]),
      e('Component', 'old', { lifecycle: 'deprecated' }, [
        ['ownedBy', 'group:default/unit'],
      ]),
      e('Component', 'fine', { lifecycle: 'production' }, [
        ['ownedBy', 'user:default/jo'],
      ]),
      e('API', 'beta-api', { lifecycle: 'experimental' }, [
        ['ownedBy', 'group:default/team-a'],
        ['apiConsumedBy', 'component:default/svc'],
      ]),
      e('API', 'lonely-api', { lifecycle: 'production' }, [
        ['ownedBy', 'group:default/team-a'],
      ]),
      // experimental component depending on deprecated: only production ones count
      e('Component', 'lab', { lifecycle: 'experimental' }, [
        ['ownedBy', 'group:default/team-a'],
        ['dependsOn', 'component:default/old'],
      ]),
    ]);
    expect(signals.map(s => [s.entityRef, s.kind, s.title])).toEqual([
      [
        'component:default/svc',
        'depends-on-deprecated',
        'Production component depends on deprecated component:default/old',
      ],
      [
        'component:default/svc',
        'depends-on-experimental',
        'Production component depends on experimental api:default/beta-api',
      ],
      [
        'component:default/old',
        'no-team-owner',
        'Owned by group:default/unit, which is not a team',
      ],
      [
        'component:default/fine',
        'no-team-owner',
        'Owned by user:default/jo, which is not a team',
      ],
      [
        'api:default/lonely-api',
        'api-without-consumers',
        'No component consumes this API',
      ],
    ]);
  });
});
