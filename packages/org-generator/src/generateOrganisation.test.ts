import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { generateOrganisation } from './generateOrganisation';

const refOf = (e: Entity) => stringifyEntityRef(e);
const countKinds = (entities: Entity[]) =>
  entities.reduce<Record<string, number>>(
    (acc, e) => ({ ...acc, [e.kind]: (acc[e.kind] ?? 0) + 1 }),
    {},
  );

describe('generateOrganisation', () => {
  it.each([
    // teams, components -> hand-computed counts:
    // Groups = org + round(teams/25) value streams (min 2) + technology + teams
    // Users = 5 per team; APIs = components/3; Resources = components/4;
    // Systems = max(teams, components/6); Domains = max(2, teams/10)
    [
      40,
      120,
      {
        Group: 1 + 2 + 1 + 40,
        User: 200,
        Component: 120,
        API: 40,
        Resource: 30,
        System: 40,
        Domain: 4,
      },
    ],
    [
      100,
      1200,
      {
        Group: 1 + 4 + 1 + 100,
        User: 500,
        Component: 1200,
        API: 400,
        Resource: 300,
        System: 200,
        Domain: 10,
      },
    ],
    [
      2000,
      20000,
      {
        Group: 1 + 80 + 1 + 2000,
        User: 10000,
        Component: 20000,
        API: 6667,
        Resource: 5000,
        System: 3333,
        Domain: 200,
      },
    ],
  ])(
    '%i teams, %i components has the expected entity counts',
    (teams, components, expected) => {
      const org = generateOrganisation({
        teams,
        components,
        teamflowKinds: false,
      });
      expect(countKinds(org)).toEqual(expected);
    },
  );

  it('refers only to entities it generated', () => {
    const org = generateOrganisation({ teams: 60, components: 400 });
    const known = new Set(org.map(refOf));
    const full = (ref: string, defaultKind: string) =>
      stringifyEntityRef(
        parseEntityRef(ref, { defaultKind, defaultNamespace: 'default' }),
      );
    const dangling: string[] = [];
    for (const e of org) {
      const s = e.spec as any;
      const refs: Array<[string | undefined, string]> = [
        [s.owner, 'group'],
        [s.system, 'system'],
        [s.domain, 'domain'],
        [s.parent, 'group'],
        [s.from, 'group'],
        [s.to, 'group'],
        ...((s.children ?? []) as string[]).map(
          r => [r, 'group'] as [string, string],
        ),
        ...((s.memberOf ?? []) as string[]).map(
          r => [r, 'group'] as [string, string],
        ),
        ...((s.providesApis ?? []) as string[]).map(
          r => [r, 'api'] as [string, string],
        ),
        ...((s.consumesApis ?? []) as string[]).map(
          r => [r, 'api'] as [string, string],
        ),
        ...((s.dependsOn ?? []) as string[]).map(
          r => [r, 'component'] as [string, string],
        ),
        ...((s.servedBy ?? []) as string[]).map(
          r => [r, 'group'] as [string, string],
        ),
      ];
      for (const [ref, kind] of refs) {
        if (ref && !known.has(full(ref, kind)))
          dangling.push(`${refOf(e)} -> ${ref}`);
      }
    }
    expect(dangling).toEqual([]);
  });

  it('is deterministic for a seed and differs between seeds', () => {
    const a = generateOrganisation({ teams: 30, components: 100, seed: 7 });
    const b = generateOrganisation({ teams: 30, components: 100, seed: 7 });
    const c = generateOrganisation({ teams: 30, components: 100, seed: 8 });
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
  });

  it('has every team type, cross-team API use, and mostly in-stream consumption', () => {
    const org = generateOrganisation({ teams: 200, components: 2000 });
    const teams = org.filter(
      e => e.kind === 'Group' && (e.spec as any).type === 'team',
    );
    const types = new Set(
      teams.map(
        t => t.metadata.labels?.['teamflow.io/team-type'] ?? 'undeclared',
      ),
    );
    expect(types).toEqual(
      new Set([
        'stream-aligned',
        'platform',
        'enabling',
        'complicated-subsystem',
        'undeclared',
      ]),
    );

    const apiOwner = new Map(
      org
        .filter(e => e.kind === 'API')
        .map(e => [e.metadata.name, (e.spec as any).owner]),
    );
    const streamOf = new Map(
      teams.map(t => [
        t.metadata.name,
        t.metadata.annotations?.['teamflow.io/value-stream'] ?? 'technology',
      ]),
    );
    let crossTeam = 0;
    let inStream = 0;
    let total = 0;
    for (const c of org.filter(e => e.kind === 'Component')) {
      const owner = (c.spec as any).owner as string;
      for (const api of (c.spec as any).consumesApis as string[]) {
        total += 1;
        if (apiOwner.get(api) !== owner) crossTeam += 1;
        if (streamOf.get(apiOwner.get(api)) === streamOf.get(owner))
          inStream += 1;
      }
    }
    // About 2 consumed APIs per component, most of them another team's.
    expect(total / 2000).toBeGreaterThan(1.5);
    expect(total / 2000).toBeLessThan(2.5);
    expect(crossTeam / total).toBeGreaterThan(0.5);
    expect(inStream / total).toBeGreaterThan(0.6);
  });
});
