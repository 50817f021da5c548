import { Entity } from '@backstage/catalog-model';
import { Random, groupBy } from './random';

/**
 * Options for {@link generateOrganisation}.
 *
 * @public
 */
export type GenerateOrganisationOptions = {
  /** Number of teams (Groups with spec.type team). */
  teams: number;
  /** Number of components. */
  components: number;
  /** People per team; default 5. */
  usersPerTeam?: number;
  /** Include Persona and TeamInteraction entities (teamflow.io/v1alpha1); default true. */
  teamflowKinds?: boolean;
  /** Seed of the pseudo-random choices; default 1. Same options, same organisation. */
  seed?: number;
};

const TEAM_TYPES = [
  ['stream-aligned', 62],
  ['platform', 15],
  ['complicated-subsystem', 10],
  ['enabling', 8],
  [undefined, 5], // undeclared: Teamflow shows these, never hides them
] as const;

const TEAM_TYPE_LABEL = 'teamflow.io/team-type';

/**
 * Generates a large organisation with the shape of a real one: value streams
 * of stream-aligned teams, platform groupings, enabling and
 * complicated-subsystem teams, systems in domains, APIs that are mostly
 * consumed inside their value stream but also across it (platform APIs most
 * of all), a few components on deprecated dependencies and a few without a
 * group owner. Used by the benchmarks (2,000 teams / 20,000 components is
 * the reference size).
 *
 * Ratios per component: 1/3 API, 1/6 system, 1/4 resource; per team: one
 * declared interaction and 0.1 persona. A component consumes 0 to 4 APIs
 * (2 on average), 70 % of them from its own value stream.
 *
 * @public
 */
export function generateOrganisation(
  options: GenerateOrganisationOptions,
): Entity[] {
  const random = new Random(options.seed ?? 1);
  const usersPerTeam = options.usersPerTeam ?? 5;
  const teamCount = Math.max(4, options.teams);
  const componentCount = Math.max(1, options.components);
  const valueStreamCount = Math.max(2, Math.round(teamCount / 25));
  const domainCount = Math.max(2, Math.round(teamCount / 10));
  const systemCount = Math.max(teamCount, Math.round(componentCount / 6));
  const apiCount = Math.max(1, Math.round(componentCount / 3));
  const resourceCount = Math.max(1, Math.round(componentCount / 4));

  const entities: Entity[] = [];
  const meta = (name: string, extra: Partial<Entity['metadata']> = {}) => ({
    name,
    namespace: 'default',
    ...extra,
  });

  // Groups: org -> value streams + technology -> teams
  const valueStreams = Array.from(
    { length: valueStreamCount },
    (_, i) => `vs-${i + 1}`,
  );
  type Team = {
    name: string;
    type?: string;
    valueStream?: string;
    domain: string;
  };
  const teams: Team[] = [];
  for (let i = 0; i < teamCount; i++) {
    const type = random.weighted(TEAM_TYPES);
    const alignedToStream =
      type === 'stream-aligned' || type === 'complicated-subsystem';
    const valueStream = alignedToStream
      ? valueStreams[i % valueStreamCount]
      : undefined;
    teams.push({
      name: `team-${i + 1}`,
      type,
      valueStream,
      domain: `domain-${(i % domainCount) + 1}`,
    });
  }
  const parentOf = (t: Team) => t.valueStream ?? 'technology';
  const teamsByParent = groupBy(teams, parentOf);
  entities.push({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: meta('org'),
    spec: { type: 'organization', children: [...valueStreams, 'technology'] },
  });
  for (const bu of [...valueStreams, 'technology']) {
    entities.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: meta(bu, {
        annotations:
          bu === 'technology' ? {} : { 'teamflow.io/value-stream': bu },
      }),
      spec: {
        type: 'business-unit',
        parent: 'org',
        children: (teamsByParent.get(bu) ?? []).map(t => t.name),
      },
    });
  }
  let platformIndex = 0;
  for (const team of teams) {
    const annotations: Record<string, string> = {
      'teamflow.io/focus': `Generated ${team.type ?? 'undeclared'} team`,
    };
    if (team.valueStream)
      annotations['teamflow.io/value-stream'] = team.valueStream;
    if (team.type === 'platform') {
      annotations['teamflow.io/platform-grouping'] = `platform-${
        Math.floor(platformIndex++ / 6) + 1
      }`;
    }
    entities.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: meta(team.name, {
        labels: team.type ? { [TEAM_TYPE_LABEL]: team.type } : undefined,
        annotations,
        links: [
          {
            url: `https://chat.example.com/${team.name}`,
            title: `#${team.name}`,
          },
        ],
      }),
      spec: { type: 'team', parent: parentOf(team), children: [] },
    });
    for (let u = 0; u < usersPerTeam; u++) {
      entities.push({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'User',
        metadata: meta(`${team.name}-user-${u + 1}`),
        spec: { memberOf: [team.name] },
      });
    }
  }

  // Domains and systems: systems are spread over teams, at least one each.
  for (let d = 0; d < domainCount; d++) {
    const owner = teams[d % teamCount];
    entities.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Domain',
      metadata: meta(`domain-${d + 1}`, {
        annotations: {
          'teamflow.io/complexity': random.weighted([
            ['simple', 3],
            ['complicated', 5],
            ['complex', 2],
          ] as const),
        },
      }),
      spec: { owner: owner.name },
    });
  }
  const systems = Array.from({ length: systemCount }, (_, s) => {
    const owner = s < teamCount ? teams[s] : teams[random.int(teamCount)];
    return { name: `system-${s + 1}`, owner };
  });
  for (const system of systems) {
    entities.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'System',
      metadata: meta(system.name),
      spec: { owner: system.owner.name, domain: system.owner.domain },
    });
  }

  // Components, each in a system and usually owned by the system's owner.
  type Component = {
    name: string;
    owner: Team;
    system: string;
    lifecycle: string;
  };
  const components: Component[] = Array.from(
    { length: componentCount },
    (_, c) => {
      const system =
        c < systemCount ? systems[c] : systems[random.int(systemCount)];
      const owner = random.chance(0.03)
        ? teams[random.int(teamCount)]
        : system.owner;
      const lifecycle = random.weighted([
        ['production', 85],
        ['experimental', 10],
        ['deprecated', 5],
      ] as const);
      return {
        name: `component-${c + 1}`,
        owner,
        system: system.name,
        lifecycle,
      };
    },
  );
  const streamOf = (team: Team) => team.valueStream ?? 'technology';
  const byStream = groupBy(components, c => streamOf(c.owner));

  // APIs: each provided by a component; consumers mostly from the same value stream.
  const apis = Array.from({ length: apiCount }, (_, a) => ({
    name: `api-${a + 1}`,
    provider: components[(a * 3) % componentCount],
  }));
  const apisByStream = groupBy(apis, a => streamOf(a.provider.owner));
  const providedBy = groupBy(apis, a => a.provider);
  const platformApis = apisByStream.get('technology') ?? [];
  const resources = Array.from({ length: resourceCount }, (_, r) => ({
    name: `resource-${r + 1}`,
    owner: components[(r * 4) % componentCount],
  }));

  for (const [c, component] of components.entries()) {
    const provides = (providedBy.get(component) ?? []).map(a => a.name);
    const consumes = new Set<string>();
    const wanted = random.weighted([
      [0, 1],
      [1, 2],
      [2, 3],
      [3, 2],
      [4, 2],
    ] as const);
    const ownStream = apisByStream.get(streamOf(component.owner)) ?? apis;
    for (let k = 0; k < wanted; k++) {
      let pool = apis;
      if (random.chance(0.7)) pool = ownStream;
      else if (random.chance(0.4) && platformApis.length) pool = platformApis;
      const api = random.pick(pool);
      if (api.provider !== component) consumes.add(api.name);
    }
    const dependsOn: string[] = [];
    const sameStream = byStream.get(streamOf(component.owner))!;
    for (let k = random.int(3); k > 0; k--) {
      const other = random.pick(sameStream);
      if (other !== component)
        dependsOn.push(`component:default/${other.name}`);
    }
    dependsOn.push(`resource:default/resource-${(c % resourceCount) + 1}`);
    // ~1 % owned by a person rather than a team: ownership hygiene finds these.
    const owner = random.chance(0.01)
      ? `user:default/${component.owner.name}-user-1`
      : component.owner.name;
    entities.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: meta(component.name, {
        annotations: { 'github.com/project-slug': `example/${component.name}` },
      }),
      spec: {
        type: random.weighted([
          ['service', 6],
          ['website', 1],
          ['library', 2],
        ] as const),
        lifecycle: component.lifecycle,
        owner,
        system: component.system,
        providesApis: provides,
        consumesApis: [...consumes],
        dependsOn: [...new Set(dependsOn)],
      },
    });
  }
  for (const api of apis) {
    entities.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'API',
      metadata: meta(api.name),
      spec: {
        type: 'openapi',
        lifecycle: 'production',
        owner: api.provider.owner.name,
        system: api.provider.system,
        definition:
          'openapi: 3.0.3\ninfo: {title: generated, version: 1.0.0}\npaths: {}\n',
      },
    });
  }
  for (const resource of resources) {
    entities.push({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Resource',
      metadata: meta(resource.name),
      spec: {
        type: 'database',
        owner: resource.owner.owner.name,
        system: resource.owner.system,
      },
    });
  }

  if (options.teamflowKinds ?? true) {
    entities.push(...generateTeamflowKinds(teams, random));
  }
  return entities;
}

function generateTeamflowKinds(
  teams: ReadonlyArray<{ name: string; type?: string; valueStream?: string }>,
  random: Random,
): Entity[] {
  const ofType = (type: string) => teams.filter(t => t.type === type);
  const platform = ofType('platform');
  const enabling = ofType('enabling');
  const aligned = ofType('stream-aligned');
  const out: Entity[] = [];
  for (const [i, team] of aligned.entries()) {
    const mode = random.weighted([
      ['x-as-a-service', 7],
      ['collaboration', 2],
      ['facilitating', 1],
    ] as const);
    // Facilitation comes from enabling teams, collaboration between stream-aligned peers,
    // services from platform teams.
    let offering: typeof teams = platform.length ? platform : aligned;
    if (mode === 'facilitating' && enabling.length) offering = enabling;
    else if (mode === 'collaboration') offering = aligned;
    const from = random.pick(offering);
    if (from === team) continue;
    const temporary = mode !== 'x-as-a-service';
    out.push({
      apiVersion: 'teamflow.io/v1alpha1',
      kind: 'TeamInteraction',
      metadata: { name: `interaction-${i + 1}`, namespace: 'default' },
      spec: {
        from: `group:default/${from.name}`,
        to: `group:default/${team.name}`,
        mode,
        purpose: `Generated ${mode} interaction`,
        status: random.weighted([
          ['active', 8],
          ['planned', 1],
          ['ended', 1],
        ] as const),
        startDate: '2026-01-01',
        ...(temporary
          ? { reviewBy: random.pick(['2026-06-30', '2027-06-30']) }
          : {}),
        owner: `group:default/${from.name}`,
      },
    });
  }
  const personaCount = Math.max(1, Math.round(teams.length / 10));
  for (let p = 0; p < personaCount; p++) {
    const servedBy = aligned.length
      ? [aligned[(p * 7) % aligned.length], aligned[(p * 13) % aligned.length]]
      : [];
    out.push({
      apiVersion: 'teamflow.io/v1alpha1',
      kind: 'Persona',
      metadata: { name: `persona-${p + 1}`, namespace: 'default' },
      spec: {
        type: random.pick([
          'end-user',
          'buyer',
          'admin',
          'operator',
          'internal-developer',
        ]),
        owner: `group:default/${servedBy[0]?.name ?? teams[0].name}`,
        lifecycle: 'validated',
        servedBy: [...new Set(servedBy.map(t => `group:default/${t.name}`))],
        uses: [],
      },
    });
  }
  return out;
}
