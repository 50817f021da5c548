import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  TeamType,
  getTeamType,
  getValueStream,
} from '@teamflow/plugin-teamflow-common';

/**
 * The one lower-casing rule for entity references: Unicode's default case
 * mapping, which is en-US's (the catalog compares refs that way) and far
 * cheaper to call than `toLocaleLowerCase('en-US')`.
 *
 * @public
 */
export const lowerRef = (ref: string) => ref.toLowerCase();

/**
 * An entity reference as every Teamflow backend keys it: `kind:namespace/name`,
 * lower-cased.
 *
 * @public
 */
export function refOf(entity: Entity | string): string {
  return lowerRef(
    typeof entity === 'string' ? entity : stringifyEntityRef(entity),
  );
}

/**
 * The owner of an entity: the target of its `ownedBy` relation (what the
 * catalog resolved from `spec.owner`), lower-cased; null when it has none.
 *
 * @public
 */
export function ownerOf(entity: Entity): string | null {
  const owned = (entity.relations ?? []).find(r => r.type === 'ownedBy');
  return owned ? refOf(owned.targetRef) : null;
}

/**
 * The group owning an entity (its owner when that is a group; a user owner
 * is no team), or null.
 *
 * @public
 */
export function groupOwnerOf(entity: Entity): string | null {
  const owner = ownerOf(entity);
  return owner?.startsWith('group:') ? owner : null;
}

/** A Group of the catalog, with its place in the hierarchy. @public */
export type OrgGroup = {
  ref: string;
  name: string;
  title: string;
  /** `spec.type` as declared (team, department, …). */
  groupType?: string;
  /**
   * The Team Topologies type when the group is a team (`getTeamType`: the
   * `teamflow.io/team-type` label, or `undeclared` for `spec.type: team`).
   */
  teamType?: TeamType | 'undeclared';
  valueStream?: string;
  parent?: string;
  children: string[];
  members: string[];
};

/** Kinds whose owner the model keeps. @public */
export const OWNED_KINDS = ['component', 'resource', 'system', 'api'];

/**
 * The fields the model reads of groups and of the owned kinds: what it needs,
 * and what the plugins deriving from {@link OrgModel.entities} need.
 *
 * @public
 */
export const ORG_MODEL_FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.title',
  'metadata.labels',
  'metadata.annotations',
  'spec.type',
  'spec.lifecycle',
  'spec.domain',
  'spec.system',
  'relations',
];

/**
 * The organisation as the catalog describes it at one moment: every group
 * (teams are those with a Team Topologies type), the hierarchy, members, and
 * the owner of every component, resource, system and API. One rule for "is
 * this a team", one for "who owns this", one for lower-casing refs.
 *
 * @public
 */
export class OrgModel {
  /** Every group by its lower-cased ref. */
  readonly groups: ReadonlyMap<string, OrgGroup>;
  private readonly owners: ReadonlyMap<string, string | null>;

  constructor(
    /** When the catalog was read (epoch ms). */
    readonly at: number,
    groups: OrgGroup[],
    owners: Iterable<[string, string | null]>,
    /**
     * The groups and entities of the owned kinds as read from the catalog
     * (the fields of {@link ORG_MODEL_FIELDS}), for plugins that derive more
     * from the same read: the team graph, tech-debt's catalog signals.
     */
    readonly entities: readonly Entity[] = [],
  ) {
    this.groups = new Map(groups.map(g => [g.ref, g]));
    this.owners = new Map(owners);
  }

  /** From catalog entities: groups, and entities of the owned kinds. */
  static fromEntities(entities: Entity[], at: number): OrgModel {
    const groups: OrgGroup[] = [];
    const owners: Array<[string, string | null]> = [];
    for (const e of entities) {
      const kind = e.kind.toLocaleLowerCase('en-US');
      if (kind === 'group') {
        const targets = (type: string) =>
          (e.relations ?? [])
            .filter(r => r.type === type)
            .map(r => refOf(r.targetRef));
        groups.push({
          ref: refOf(e),
          name: e.metadata.name,
          title: e.metadata.title ?? e.metadata.name,
          groupType: (e.spec as { type?: string } | undefined)?.type,
          teamType: getTeamType(e),
          valueStream: getValueStream(e),
          parent: targets('childOf')[0],
          children: targets('parentOf').sort(),
          members: targets('hasMember').sort(),
        });
      } else if (OWNED_KINDS.includes(kind))
        owners.push([refOf(e), ownerOf(e)]);
    }
    return new OrgModel(at, groups, owners, entities);
  }

  /** Groups that are teams, by ref. */
  teams(): OrgGroup[] {
    return [...this.groups.values()]
      .filter(g => g.teamType !== undefined)
      .sort((a, b) => a.ref.localeCompare(b.ref));
  }

  /** Whether the group is a team: it declares a Team Topologies type. */
  isTeam(ref: string): boolean {
    return this.groups.get(refOf(ref))?.teamType !== undefined;
  }

  /** The group and every group below it (parentOf, any depth), itself first. */
  groupAndDescendants(ref: string): string[] {
    const out: string[] = [];
    const walk = (r: string) => {
      if (out.includes(r)) return;
      out.push(r);
      for (const c of this.groups.get(r)?.children ?? []) walk(c);
    };
    walk(refOf(ref));
    return out;
  }

  /** The owner the catalog names now (undefined: not an entity of an owned kind). */
  ownerOf(ref: string): string | null | undefined {
    return this.owners.get(refOf(ref));
  }

  /** Every entity of the owned kinds with its owner. */
  ownership(): Map<string, string | null> {
    return new Map(this.owners);
  }
}
