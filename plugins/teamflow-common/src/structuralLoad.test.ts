import { Entity } from '@backstage/catalog-model';
import { deriveTeamGraph } from './teamGraph';
import { computeStructuralLoad } from './structuralLoad';

const team = (name: string, members: number): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: {
    name,
    namespace: 'default',
    labels: { 'teamflow.io/team-type': 'stream-aligned' },
  },
  spec: { type: 'team', children: [] },
  relations: Array.from({ length: members }, (_, i) => ({
    type: 'hasMember',
    targetRef: `user:default/${name}${i}`,
  })),
});

const own = (
  kind: string,
  name: string,
  owner: string,
  spec: object = {},
  complexity?: string,
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: {
    name,
    namespace: 'default',
    annotations: complexity ? { 'teamflow.io/complexity': complexity } : {},
  },
  spec,
  relations: [{ type: 'ownedBy', targetRef: `group:default/${owner}` }],
});

function loadOf(entities: Entity[], teamName: string) {
  const load = computeStructuralLoad(
    entities,
    deriveTeamGraph(entities, '2026-11-21'),
  );
  return load.find(l => l.teamRef === `group:default/${teamName}`)!;
}

describe('computeStructuralLoad', () => {
  it('adds up what a team owns, with complexity, and flags owning more than its complex domain', () => {
    const entities = [
      team('routing', 7), // size factor sqrt(7/7) = 1
      own('Domain', 'delivery', 'routing', {}, 'complex'), // 3 + 5
      own('System', 'solver', 'routing', { domain: 'delivery' }, 'complex'), // 2 + 5
      own('Component', 'solver-service', 'routing', {
        system: 'solver',
        type: 'service',
      }), // 1
      own('API', 'solve-api', 'routing', { system: 'solver' }), // 1
      own('Component', 'marketing-site', 'routing', {
        system: 'website',
        type: 'website',
      }), // 1, outside the domain
    ];
    expect(loadOf(entities, 'routing')).toEqual({
      teamRef: 'group:default/routing',
      points: 18,
      sizeFactor: 1,
      score: 18,
      band: 'moderate',
      contributions: [
        { reason: '2 components', points: 2 },
        { reason: '1 systems', points: 2 },
        { reason: '1 APIs', points: 1 },
        { reason: '1 domains', points: 3 },
        { reason: '2 complex domains or systems', points: 10 },
      ],
      complexDomainPlusOther: true,
    });
  });

  it('does not flag a team that owns only what is inside its complex domain', () => {
    const entities = [
      team('routing', 7),
      own('Domain', 'delivery', 'routing', {}, 'complex'),
      own('System', 'solver', 'routing', { domain: 'delivery' }),
      own('Component', 'solver-service', 'routing', { system: 'solver' }),
    ];
    expect(loadOf(entities, 'routing').complexDomainPlusOther).toBe(false);
  });

  it.each([
    // members, components -> size factor, score, band (bounds 15 / 30 / 45)
    [0, 1, 1, 1, 'low'], // no members listed: factor 1
    [2, 10, 1.53, 15.3, 'moderate'], // clamped to 3: 10 x sqrt(7/3) = 15.28
    [7, 14, 1, 14, 'low'],
    [7, 15, 1, 15, 'moderate'], // a bound belongs to the band above
    [12, 40, 0.88, 35.3, 'high'], // clamped to 9: 40 x sqrt(7/9) = 35.28
    [7, 45, 1, 45, 'overloaded'],
  ])(
    '%i people owning %i components: factor %d, score %d, %s',
    (members, count, factor, score, band) => {
      const entities = [
        team('t', members),
        ...Array.from({ length: count }, (_, i) =>
          own('Component', `c${i}`, 't', { type: 'service' }),
        ),
      ];
      expect(loadOf(entities, 't')).toMatchObject({
        sizeFactor: factor,
        score,
        band,
      });
    },
  );

  it('counts libraries at half weight and cross-team dependencies', () => {
    const entities = [
      team('a', 7),
      team('b', 7),
      own('Component', 'lib', 'a', { type: 'library' }),
      {
        ...own('Component', 'svc', 'a', { type: 'service' }),
        relations: [
          { type: 'ownedBy', targetRef: 'group:default/a' },
          { type: 'dependsOn', targetRef: 'component:default/b-svc' },
        ],
      },
      own('Component', 'b-svc', 'b', { type: 'service' }),
    ];
    expect(loadOf(entities, 'a').contributions).toEqual([
      { reason: '1 components', points: 1 },
      { reason: '1 libraries', points: 0.5 },
      { reason: '1 teams depended on', points: 1 },
    ]);
    expect(loadOf(entities, 'b').contributions).toContainEqual({
      reason: '1 teams depending on it',
      points: 0.5,
    });
  });
});
