import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  TEAMFLOW_RELATIONS,
  TeamType,
  getPlatformGrouping,
  getTeamType,
  getValueStream,
  TEAM_TYPES_OR_UNDECLARED,
} from '@teamflow/plugin-teamflow-common';

const refOf = (e: Entity) => stringifyEntityRef(e).toLocaleLowerCase('en-US');
const targets = (e: Entity, type: string) =>
  (e.relations ?? [])
    .filter(r => r.type === type)
    .map(r => r.targetRef.toLocaleLowerCase('en-US'));

/** A section of the team directory: a value stream, a platform grouping, or the rest. */
export type DirectorySection = {
  title: string;
  kind: 'value-stream' | 'platform-grouping' | 'other';
  teams: Array<{ entity: Entity; type: TeamType | 'undeclared' }>;
};

const TYPE_ORDER: readonly string[] = TEAM_TYPES_OR_UNDECLARED;

/**
 * Teams grouped by value stream, then platform grouping, then the rest; within
 * a section by team type (stream-aligned first) and name.
 */
export function buildDirectory(teams: Entity[]): DirectorySection[] {
  const sections = new Map<string, DirectorySection>();
  for (const entity of teams) {
    const type = getTeamType(entity);
    if (!type) continue;
    const stream = getValueStream(entity);
    const grouping = getPlatformGrouping(entity);
    let key: string;
    let section: Omit<DirectorySection, 'teams'>;
    if (stream) {
      key = `0:${stream}`;
      section = { title: stream, kind: 'value-stream' };
    } else if (grouping) {
      key = `1:${grouping}`;
      section = { title: grouping, kind: 'platform-grouping' };
    } else {
      key = '2:';
      section = {
        title: 'Not in a value stream or platform grouping',
        kind: 'other',
      };
    }
    const existing = sections.get(key) ?? { ...section, teams: [] };
    existing.teams.push({ entity, type });
    sections.set(key, existing);
  }
  return [...sections.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([, s]) => ({
      ...s,
      teams: s.teams.sort(
        (a, b) =>
          TYPE_ORDER.indexOf(a.type) - TYPE_ORDER.indexOf(b.type) ||
          (a.entity.metadata.title ?? a.entity.metadata.name).localeCompare(
            b.entity.metadata.title ?? b.entity.metadata.name,
          ),
      ),
    }));
}

/** The three persona coverage findings of PRODUCT.md §3.1. */
export type PersonaCoverage = {
  /** Personas (not retired) that no team serves. */
  unservedPersonas: Entity[];
  /** Stream-aligned teams that serve no persona. */
  streamAlignedWithoutPersona: Entity[];
  /** Personas served by two or more teams, with those teams' refs. */
  sharedPersonas: Array<{ persona: Entity; teamRefs: string[] }>;
};

export function analysePersonaCoverage(
  personas: Entity[],
  teams: Entity[],
): PersonaCoverage {
  const active = personas.filter(p => p.spec?.lifecycle !== 'retired');
  const servedBy = (p: Entity) => targets(p, TEAMFLOW_RELATIONS.servedBy);
  return {
    unservedPersonas: active.filter(p => servedBy(p).length === 0),
    streamAlignedWithoutPersona: teams.filter(
      t =>
        getTeamType(t) === 'stream-aligned' &&
        targets(t, TEAMFLOW_RELATIONS.serves).length === 0,
    ),
    sharedPersonas: active
      .filter(p => servedBy(p).length >= 2)
      .map(p => ({ persona: p, teamRefs: servedBy(p).sort() }))
      .sort((a, b) => b.teamRefs.length - a.teamRefs.length),
  };
}

/** Why an entity's ownership needs attention. */
export type OwnershipProblem = {
  entity: Entity;
  owner?: string;
  problem: 'no owner' | 'owner is not a group' | 'owner not in the catalog';
};

/**
 * Entities with no owner, or an owner that is not a Group in the catalog
 * (a person, or a group that does not exist).
 */
export function findOwnershipProblems(
  entities: Entity[],
  groupRefs: Set<string>,
): OwnershipProblem[] {
  const problems: OwnershipProblem[] = [];
  for (const entity of entities) {
    const raw = entity.spec?.owner;
    if (typeof raw !== 'string' || raw.trim() === '') {
      problems.push({ entity, problem: 'no owner' });
      continue;
    }
    let owner: string;
    try {
      owner = stringifyEntityRef(
        parseEntityRef(raw, {
          defaultKind: 'group',
          defaultNamespace: entity.metadata.namespace ?? 'default',
        }),
      ).toLocaleLowerCase('en-US');
    } catch {
      problems.push({
        entity,
        owner: raw,
        problem: 'owner not in the catalog',
      });
      continue;
    }
    if (!owner.startsWith('group:')) {
      problems.push({ entity, owner, problem: 'owner is not a group' });
    } else if (!groupRefs.has(owner)) {
      problems.push({ entity, owner, problem: 'owner not in the catalog' });
    }
  }
  return problems.sort((a, b) =>
    refOf(a.entity).localeCompare(refOf(b.entity)),
  );
}

/** "69 components, 12 APIs, …": what the hygiene check counted, by kind. */
export function countByKind(entities: Array<{ kind: string }>): string {
  const counts = new Map<string, number>();
  for (const e of entities) {
    const kind = e.kind.toLocaleLowerCase('en-US');
    counts.set(kind, (counts.get(kind) ?? 0) + 1);
  }
  const plural = (kind: string, n: number) => {
    const name =
      ({ api: 'API', teaminteraction: 'team interaction' } as const)[
        kind as 'api' | 'teaminteraction'
      ] ?? kind;
    if (n === 1) return name;
    return name.endsWith('y') ? `${name.slice(0, -1)}ies` : `${name}s`;
  };
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], 'en'))
    .map(([kind, n]) => `${n} ${plural(kind, n)}`)
    .join(', ');
}
