import {
  AuthService,
  BackstageCredentials,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ORG_MODEL_FIELDS,
  OWNED_KINDS,
  OrgModelService,
  orgModelFromCatalog,
} from '@teamflow/plugin-teamflow-node';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { NotAllowedError } from '@backstage/errors';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import {
  ComponentOwnershipInput,
  PersonaCoverageInput,
  StructuralLoad,
  TEAMFLOW_RELATIONS,
  TeamGraph,
  computeStructuralLoad,
  deriveTeamGraph,
} from '@teamflow/plugin-teamflow-common';

/** The derived graph and loads, as of `generatedAt`. @public */
export type TeamGraphSnapshot = {
  generatedAt: string;
  entityCount: number;
  graph: TeamGraph;
  load: StructuralLoad[];
  /** For the overview: personas with the teams serving them. */
  personas: PersonaCoverageInput[];
  /** For the overview: every component with its owner. */
  components: ComponentOwnershipInput[];
};

// Only what derivation needs beyond the organisation model (which holds the
// groups and every component, API, system and resource): domains, declared
// interactions and personas, with the model's fields and the interactions'.
const FIELDS = [
  ...ORG_MODEL_FIELDS,
  'spec.from',
  'spec.to',
  'spec.mode',
  'spec.status',
  'spec.reviewBy',
  'spec.dependency',
];
const FILTER = { kind: ['domain', 'teaminteraction', 'persona'] };
/** Every kind the graph is derived from, for what a restricted reader may see. */
const VISIBLE_FILTER = [
  { kind: 'group' },
  { kind: [...OWNED_KINDS, 'domain', 'teaminteraction', 'persona'] },
];

const lower = (s: string) => s.toLocaleLowerCase('en-US');

/**
 * Keeps the team graph and structural loads derived from the catalog in
 * memory, refreshed by a scheduled task, so page views never recompute the
 * world. Each backend replica keeps its own snapshot.
 *
 * @public
 */
export class TeamGraphService {
  private snapshot?: Promise<TeamGraphSnapshot>;

  private constructor(
    private readonly catalog: CatalogService,
    private readonly org: OrgModelService,
    private readonly auth: AuthService,
    private readonly permissions: PermissionsService,
    private readonly logger: LoggerService,
    private readonly today: () => string,
  ) {}

  static create(options: {
    catalog: CatalogService;
    /** The backend's shared organisation model (default: one of its own). */
    org?: OrgModelService;
    auth: AuthService;
    permissions: PermissionsService;
    logger: LoggerService;
    today?: () => string;
  }): TeamGraphService {
    return new TeamGraphService(
      options.catalog,
      options.org ??
        orgModelFromCatalog({ catalog: options.catalog, auth: options.auth }),
      options.auth,
      options.permissions,
      options.logger,
      options.today ?? (() => new Date().toISOString().slice(0, 10)),
    );
  }

  /** Rebuilds the snapshot from the catalog (the scheduled task calls this). */
  async refresh(): Promise<TeamGraphSnapshot> {
    const next = this.build();
    // Keep serving the previous snapshot until the new one is ready; before the
    // first one exists, requests wait for this build instead of starting another.
    this.snapshot ??= next;
    await next;
    this.snapshot = next;
    return next;
  }

  private async build(): Promise<TeamGraphSnapshot> {
    const started = Date.now();
    // The model read now, so every plugin of this backend sees the catalog
    // as fresh as the map does.
    const [model, rest] = await Promise.all([
      this.org.current({ maxAgeMs: 0 }),
      this.catalog.getEntities(
        { filter: FILTER, fields: FIELDS },
        { credentials: await this.auth.getOwnServiceCredentials() },
      ),
    ]);
    // Once each, should a catalog answer an entity to both reads.
    const byRef = new Map<string, Entity>();
    for (const e of [...model.entities, ...rest.items])
      byRef.set(lower(stringifyEntityRef(e)), e);
    const items = [...byRef.values()];
    const graph = deriveTeamGraph(items, this.today());
    const ofKind = (kind: string) => items.filter(e => lower(e.kind) === kind);
    const targets = (e: Entity, type: string) =>
      (e.relations ?? [])
        .filter(r => r.type === type)
        .map(r => lower(r.targetRef));
    const snapshot: TeamGraphSnapshot = {
      generatedAt: new Date().toISOString(),
      entityCount: items.length,
      graph,
      load: computeStructuralLoad(items, graph),
      personas: ofKind('persona').map(e => ({
        ref: lower(stringifyEntityRef(e)),
        title: e.metadata.title ?? e.metadata.name,
        servedBy: targets(e, TEAMFLOW_RELATIONS.servedBy),
        lifecycle: e.spec?.lifecycle as string | undefined,
      })),
      components: ofKind('component').map(e => ({
        ref: lower(stringifyEntityRef(e)),
        title: e.metadata.title ?? e.metadata.name,
        owner: targets(e, 'ownedBy')[0],
      })),
    };
    this.logger.debug(
      `Derived the team graph from ${items.length} entities in ${
        Date.now() - started
      } ms`,
    );
    return snapshot;
  }

  /**
   * The snapshot as the caller may see it: all of it when the caller may read
   * every catalog entity; otherwise only teams and entity-level edges whose
   * entities the caller can read.
   */
  async getSnapshot(
    credentials: BackstageCredentials,
    options: { teamRef?: string } = {},
  ): Promise<TeamGraphSnapshot> {
    const snapshot = await this.current(options);
    const visible = await this.visibleRefs(credentials);
    return visible === 'all' ? snapshot : restrictTo(snapshot, visible);
  }

  /**
   * The whole snapshot, for the backend's own use (the history): nobody's
   * permissions applied.
   */
  async current(options: { teamRef?: string } = {}) {
    if (!this.snapshot) {
      this.snapshot = this.build();
    }
    let snapshot = await this.snapshot;
    // A team the snapshot does not know may have just arrived in the catalog
    // (e.g. right after start-up): rebuild, at most every 5 seconds.
    // Likewise an empty snapshot, built while the catalog was still loading.
    const missing = options.teamRef
      ? !snapshot.graph.nodes.some(n => n.ref === options.teamRef)
      : snapshot.graph.nodes.length === 0;
    if (missing && Date.now() - Date.parse(snapshot.generatedAt) > 5_000) {
      snapshot = await this.refresh();
    }
    return snapshot;
  }

  /**
   * The team-graph entities the caller may read: 'all' when it may read the
   * whole catalog, else their refs.
   */
  async visibleRefs(
    credentials: BackstageCredentials,
  ): Promise<'all' | Set<string>> {
    const [decision] = await this.permissions.authorizeConditional(
      [{ permission: catalogEntityReadPermission }],
      { credentials },
    );
    if (decision.result === AuthorizeResult.DENY) {
      throw new NotAllowedError('You may not read the catalog');
    }
    if (decision.result === AuthorizeResult.ALLOW) return 'all';
    const { items } = await this.catalog.getEntities(
      {
        filter: VISIBLE_FILTER,
        fields: ['kind', 'metadata.name', 'metadata.namespace'],
      },
      { credentials },
    );
    return new Set(items.map((e: Entity) => lower(stringifyEntityRef(e))));
  }
}

function restrictTo(
  snapshot: TeamGraphSnapshot,
  visible: Set<string>,
): TeamGraphSnapshot {
  const edges = snapshot.graph.edges
    .filter(e => visible.has(e.from) && visible.has(e.to))
    .map(e => {
      const observed = e.observed.filter(
        o => visible.has(o.source) && visible.has(o.target),
      );
      const declared = e.declared.filter(d => visible.has(d.interactionRef));
      return { ...e, observed, declared, weight: observed.length };
    })
    .filter(e => e.weight > 0 || e.declared.length > 0);
  // Counts from what the caller sees, so hidden dependencies do not show as numbers.
  const { thresholds } = snapshot.graph;
  const inboundOf = new Map<string, number>();
  const outboundOf = new Map<string, number>();
  for (const e of edges) {
    if (e.weight === 0) continue;
    inboundOf.set(e.to, (inboundOf.get(e.to) ?? 0) + 1);
    outboundOf.set(e.from, (outboundOf.get(e.from) ?? 0) + 1);
  }
  const nodes = snapshot.graph.nodes
    .filter(n => visible.has(n.ref))
    .map(n => {
      const inbound = inboundOf.get(n.ref) ?? 0;
      const outbound = outboundOf.get(n.ref) ?? 0;
      return {
        ...n,
        inbound,
        outbound,
        manyInbound: inbound > thresholds.inbound,
        manyOutbound: outbound > thresholds.outbound,
      };
    });
  return {
    ...snapshot,
    graph: { ...snapshot.graph, nodes, edges },
    load: snapshot.load.filter(l => visible.has(l.teamRef)),
    personas: snapshot.personas
      .filter(p => visible.has(p.ref))
      .map(p => ({ ...p, servedBy: p.servedBy.filter(t => visible.has(t)) })),
    components: snapshot.components.filter(c => visible.has(c.ref)),
  };
}
