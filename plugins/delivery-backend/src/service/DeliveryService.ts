import { createHash, randomUUID } from 'node:crypto';
import {
  AuthService,
  BackstageCredentials,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  Entity,
  makeValidator,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  ChangeRecord,
  DeploymentRecord,
  DrillDownResponse,
  FlowDefinitions,
  FlowSummaryResponse,
  FlowTargets,
  IncidentRecord,
  IngestResult,
  OrgFlowResponse,
  deliveryAdminPermission,
  deliveryEventsIngestPermission,
  deliveryMetricsReadPermission,
  mergeRollups,
  summariseRollups,
  summariseTotals,
  DailyRollup,
} from '@teamflow/plugin-delivery-common';
import {
  EntityHint,
  IncomingEvent,
  SourcedEvent,
} from '@teamflow/plugin-delivery-node';
import { OwnershipEntry, ownerAt } from '@teamflow/plugin-teamflow-common';
import {
  ChangeRow,
  DeliveryStore,
  DeploymentRow,
  IncidentRow,
} from '../database/DeliveryStore';
import {
  JudgeOptions,
  finishJudgement,
  foreignEntities,
  judgeAround,
  prepareJudgement,
} from './judge';
import { EventProblem } from './cdevents';
import { fromGithub, fromGitlab, fromPagerDuty } from './webhooks';

// Entity refs compare case-insensitively; the default mapping is en-US's (and far cheaper to call).
const lower = (s: string) => s.toLowerCase();
const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();
const PROJECT_SLUGS = ['github.com/project-slug', 'gitlab.com/project-slug'];

const validators = makeValidator();

/**
 * An entity reference in the catalog's lower-case form (kind component,
 * namespace default unless written), or undefined when it is not one: the
 * kind, namespace and name must be valid as the catalog defines them (so
 * `component:../..` is refused here, not sent on to the catalog).
 */
function normaliseRef(ref: string) {
  try {
    const parsed = parseEntityRef(ref, {
      defaultKind: 'component',
      defaultNamespace: 'default',
    });
    if (
      !validators.isValidKind(parsed.kind) ||
      !validators.isValidNamespace(parsed.namespace) ||
      !validators.isValidEntityName(parsed.name)
    )
      return undefined;
    return lower(stringifyEntityRef(parsed));
  } catch {
    return undefined;
  }
}

/** The group owning an entity now (its ownedBy relation), or null. */
function teamOf(e: Entity) {
  const owner = (e.relations ?? []).find(
    r => r.type === 'ownedBy' && r.targetRef.startsWith('group:'),
  );
  return owner ? lower(owner.targetRef) : null;
}

/** Kinds events can be about: what is deployed and what has incidents. */
const EVENT_KINDS = ['component', 'resource'];

/** How long a read waits for this instance's judging to catch up. */
const READ_WAIT_MS = 3000;

/** Largest batch accepted in one request. @public */
export const MAX_BATCH = 1000;

/** A window of whole UTC days. */
export type FlowWindow = { from: string; to: string };

/** Parses `from`/`to` (YYYY-MM-DD) query values; default the last 90 days. */
export function parseWindow(
  from: unknown,
  to: unknown,
  now: number,
): FlowWindow {
  const day = (v: unknown, name: string) => {
    if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v))
      throw new InputError(`${name} must be a date YYYY-MM-DD`);
    const ms = Date.parse(`${v}T00:00:00Z`);
    if (Number.isNaN(ms)) throw new InputError(`${name} is not a valid date`);
    return ms;
  };
  const end =
    to === undefined ? Math.floor(now / DAY) * DAY + DAY : day(to, 'to');
  const start = from === undefined ? end - 90 * DAY : day(from, 'from');
  if (start >= end) throw new InputError('from must be before to');
  if (end - start > 731 * DAY)
    throw new InputError('the window may span at most 731 days');
  return { from: iso(start), to: iso(end) };
}

/** Whether one prepared judgement reaches into the other's entities. */
function overlap(
  a: Awaited<ReturnType<typeof prepareJudgement>>,
  b: Awaited<ReturnType<typeof prepareJudgement>>,
) {
  const ownA = new Set(a.bandList.map(x => x.entityRef));
  const ownB = new Set(b.bandList.map(x => x.entityRef));
  return (
    [...foreignEntities(a)].some(r => ownB.has(r)) ||
    [...foreignEntities(b)].some(r => ownA.has(r))
  );
}

/**
 * The queued pairs that matter to judging: per entity and UTC day, the
 * first and last instant (judging takes each entity's earliest and latest,
 * and rolls up the days they fall on).
 */
function firstAndLastPerDay(pairs: Array<{ entityRef: string; at: number }>) {
  const byDay = new Map<
    string,
    { entityRef: string; min: number; max: number }
  >();
  for (const p of pairs) {
    const key = `${p.entityRef}\u0000${Math.floor(p.at / DAY)}`;
    const seen = byDay.get(key);
    if (!seen) byDay.set(key, { entityRef: p.entityRef, min: p.at, max: p.at });
    else {
      seen.min = Math.min(seen.min, p.at);
      seen.max = Math.max(seen.max, p.at);
    }
  }
  return [...byDay.values()].flatMap(d =>
    d.min === d.max
      ? [{ entityRef: d.entityRef, at: d.min }]
      : [
          { entityRef: d.entityRef, at: d.min },
          { entityRef: d.entityRef, at: d.max },
        ],
  );
}

/**
 * The delivery ledger: files events from every source (attributed to their
 * entity and its owning team at event time), judges them with the metric
 * definitions, and answers summaries and drill-downs from day roll-ups.
 *
 * @public
 */
export class DeliveryService {
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly store: DeliveryStore,
    private readonly catalog: CatalogService,
    private readonly auth: AuthService,
    private readonly permissions: PermissionsService,
    private readonly logger: LoggerService,
    readonly definitions: FlowDefinitions,
    private readonly horizonDays: number,
    private readonly judgeGroupSize: number,
    private readonly targets: Record<string, FlowTargets>,
    private readonly now: () => number,
    private readonly leaseMs: number,
  ) {}

  /** This instance's name on the queue rows it leases. */
  private readonly holder = randomUUID();

  static create(options: {
    store: DeliveryStore;
    catalog: CatalogService;
    auth: AuthService;
    permissions: PermissionsService;
    logger: LoggerService;
    definitions: FlowDefinitions;
    horizonDays?: number;
    /** Entities judged in one go (one read of their context, one write). */
    judgeGroupSize?: number;
    targets?: Record<string, FlowTargets>;
    now?: () => number;
    /**
     * How long queued pairs taken for judging stay leased (renewed while
     * judged): a backend killed mid-judging leaves them to others, or to
     * itself restarted, after this. Default two minutes.
     */
    judgingLeaseMs?: number;
  }) {
    return new DeliveryService(
      options.store,
      options.catalog,
      options.auth,
      options.permissions,
      options.logger,
      options.definitions,
      options.horizonDays ?? 30,
      options.judgeGroupSize ?? 200,
      Object.fromEntries(
        Object.entries(options.targets ?? {}).map(([k, v]) => [lower(k), v]),
      ),
      options.now ?? (() => Date.now()),
      options.judgingLeaseMs ?? 120_000,
    );
  }

  /** Ingest permission: services pass through the policy like users. */
  async authorizeIngest(credentials: BackstageCredentials) {
    const [d] = await this.permissions.authorize(
      [{ permission: deliveryEventsIngestPermission }],
      { credentials },
    );
    if (d.result !== AuthorizeResult.ALLOW)
      throw new NotAllowedError(
        'Sending delivery events needs the delivery.events.ingest permission',
      );
  }

  /**
   * Reading numbers: users through the policy (Teamflow's allows every
   * signed-in user), services unless their token is restricted to other
   * permissions — a CI pipeline's ingest-only token cannot read.
   */
  async authorizeRead(credentials: BackstageCredentials) {
    const [d] = await this.permissions.authorize(
      [{ permission: deliveryMetricsReadPermission }],
      { credentials },
    );
    if (d.result !== AuthorizeResult.ALLOW)
      throw new NotAllowedError(
        'Reading delivery metrics needs the delivery.metrics.read permission',
      );
  }

  async authorizeAdmin(credentials: BackstageCredentials) {
    const [d] = await this.permissions.authorize(
      [{ permission: deliveryAdminPermission }],
      { credentials },
    );
    if (d.result !== AuthorizeResult.ALLOW)
      throw new NotAllowedError('This needs the delivery.admin permission');
  }

  /** Entities the hints name, with their owning team (as the plugin sees the catalog). */
  private async resolve(hints: EntityHint[]) {
    const credentials = await this.auth.getOwnServiceCredentials();
    const byRef = new Map<string, Entity>();
    const refs = new Set<string>();
    const annotated = new Map<string, Set<string>>();
    for (const h of hints) {
      if ('entityRef' in h) {
        const ref = normaliseRef(h.entityRef);
        if (ref) refs.add(ref);
      } else {
        const keys =
          h.annotation === 'project-slug' ? PROJECT_SLUGS : [h.annotation];
        for (const k of keys) {
          const set = annotated.get(k) ?? new Set<string>();
          set.add(h.value);
          annotated.set(k, set);
        }
      }
    }
    if (refs.size) {
      const { items } = await this.catalog.getEntitiesByRefs(
        { entityRefs: [...refs], fields: ['kind', 'metadata', 'relations'] },
        { credentials },
      );
      for (const e of items) if (e) byRef.set(lower(stringifyEntityRef(e)), e);
    }
    // annotation key + value -> entity
    const byAnnotation = new Map<string, Entity>();
    if (annotated.size) {
      const { items } = await this.catalog.getEntities(
        {
          filter: [...annotated.entries()].map(([a, values]) => ({
            [`metadata.annotations.${a}`]: [...values],
          })),
          fields: ['kind', 'metadata', 'relations'],
        },
        { credentials },
      );
      for (const e of items)
        for (const a of annotated.keys()) {
          const v = e.metadata.annotations?.[a];
          if (v) byAnnotation.set(`${a}\u0000${lower(v)}`, e);
        }
    }
    return (hint: EntityHint) => {
      let entity: Entity | undefined;
      let name: string;
      if ('entityRef' in hint) {
        name = hint.entityRef;
        const ref = normaliseRef(hint.entityRef);
        if (!ref)
          return { problem: `${hint.entityRef} is not an entity reference` };
        entity = byRef.get(ref);
      } else {
        const keys =
          hint.annotation === 'project-slug'
            ? PROJECT_SLUGS
            : [hint.annotation];
        name = `${keys.join(' or ')}: ${hint.value}`;
        for (const k of keys)
          entity ??= byAnnotation.get(`${k}\u0000${lower(hint.value)}`);
      }
      if (
        entity &&
        !EVENT_KINDS.includes(entity.kind.toLocaleLowerCase('en-US'))
      )
        return {
          problem: `${lower(
            stringifyEntityRef(entity),
          )} is not a component or resource: delivery events are about what is deployed (a ${
            entity.kind
          } is not)`,
        };
      if (!entity)
        return {
          problem: `unknown entity: no catalog entity for ${name} (give customData.entityRef or annotate the entity with ${PROJECT_SLUGS.join(
            ' or ',
          )} / pagerduty.com/service-id)`,
        };
      return {
        entityRef: lower(stringifyEntityRef(entity)),
        team: teamOf(entity),
      };
    };
  }

  /**
   * Files events (each a source's, in order): unknown entities and invalid
   * events are rejected by index, the rest stored — an id seen before with
   * the same content is a duplicate, with different content (a later status
   * of the same deployment, an incident resolved) an update — then judged.
   */
  async ingest(
    events: Array<
      SourcedEvent | { index: number; problem: string; id?: string }
    >,
  ): Promise<IngestResult> {
    const result: IngestResult = {
      accepted: 0,
      duplicates: 0,
      updated: 0,
      rejected: [],
    };
    const good: Array<{ index: number } & SourcedEvent> = [];
    events.forEach((e, index) => {
      if ('problem' in e)
        result.rejected.push({ index: e.index, id: e.id, message: e.problem });
      else good.push({ index, ...e });
    });
    const lookup = await this.resolve(good.map(g => g.event.entity));
    const now = this.now();
    const deployments = new Map<string, DeploymentRow>();
    const changes = new Map<string, ChangeRow>();
    const incidents = new Map<
      string,
      {
        index: number;
        event: IncomingEvent & { kind: 'incident' };
        row: IncidentRow;
      }
    >();
    const indexOf = new Map<string, number>();
    for (const { index, source, event } of good) {
      const found = lookup(event.entity);
      if ('problem' in found) {
        result.rejected.push({ index, id: event.id, message: found.problem! });
        continue;
      }
      const common = {
        id: event.id,
        entityRef: found.entityRef,
        teamRef: found.team,
        source,
        receivedAt: now,
      };
      indexOf.set(`${event.kind}:${event.id}`, index);
      if (event.kind === 'deployment')
        deployments.set(event.id, {
          ...common,
          environment: event.environment,
          finishedAt: event.finishedAt,
          status: event.status,
          rollback: event.rollback,
          changeIds: event.changeIds,
          version: event.version,
          url: event.url,
        });
      else if (event.kind === 'change')
        changes.set(event.id, {
          ...common,
          mergedAt: event.mergedAt,
          firstCommitAt: event.firstCommitAt,
          openedAt: event.openedAt,
          labels: event.labels,
          revertOf: event.revertOf,
          title: event.title,
          url: event.url,
        });
      else {
        const previous = incidents.get(event.id);
        const startedAt =
          event.startedAt ?? previous?.row.startedAt ?? event.resolvedAt!;
        incidents.set(event.id, {
          index,
          event,
          row: {
            ...common,
            environment: event.environment,
            startedAt,
            resolvedAt: event.resolvedAt ?? previous?.row.resolvedAt,
            deploymentId: event.deploymentId ?? previous?.row.deploymentId,
            title: event.title ?? previous?.row.title,
            url: event.url ?? previous?.row.url,
          },
        });
      }
    }

    return (this.queue = this.queue
      .catch(() => undefined)
      .then(async () => {
        // Each event goes to the team owning its entity at the event's own
        // time: the ownership timeline, with the owner the catalog names now
        // recorded when it changed.
        const current = new Map<string, string | null>();
        for (const r of [
          ...deployments.values(),
          ...changes.values(),
          ...[...incidents.values()].map(x => x.row),
        ])
          current.set(r.entityRef, r.teamRef);
        const timelines = await this.observe(current);
        const teamAt = (entityRef: string, time: number) => {
          const owner = ownerAt(timelines.get(entityRef) ?? [], time);
          return owner === undefined ? current.get(entityRef) ?? null : owner;
        };
        for (const d of deployments.values())
          d.teamRef = teamAt(d.entityRef, d.finishedAt);
        for (const c of changes.values())
          c.teamRef = teamAt(c.entityRef, c.mergedAt);
        // Compare with what is stored: duplicates are not written again.
        const [oldD, oldC, oldI] = await Promise.all([
          this.store.existingDeployments([...deployments.keys()]),
          this.store.existingChanges([...changes.keys()]),
          this.store.existingIncidents([...incidents.keys()]),
        ]);
        // An empty list is stored as no list: both read the same.
        const value = (x: unknown) =>
          JSON.stringify(Array.isArray(x) && x.length === 0 ? null : x ?? null);
        const same = (a: object, b: object, keys: string[]) =>
          keys.every(k => value((a as any)[k]) === value((b as any)[k]));
        const write = {
          deployments: [] as DeploymentRow[],
          changes: [] as ChangeRow[],
          incidents: [] as IncidentRow[],
        };
        const count = (existed: boolean, unchanged: boolean) => {
          if (!existed) result.accepted += 1;
          else if (unchanged) result.duplicates += 1;
          else result.updated += 1;
        };
        const dKeys = [
          'entityRef',
          'environment',
          'finishedAt',
          'status',
          'rollback',
          'changeIds',
          'version',
          'url',
        ];
        for (const d of deployments.values()) {
          const old = oldD.get(d.id);
          const unchanged = !!old && same(old, d, dKeys);
          count(!!old, unchanged);
          if (!unchanged) write.deployments.push(d);
        }
        const cKeys = [
          'entityRef',
          'mergedAt',
          'firstCommitAt',
          'openedAt',
          'labels',
          'revertOf',
          'title',
          'url',
        ];
        for (const c of changes.values()) {
          const old = oldC.get(c.id);
          const unchanged = !!old && same(old, c, cKeys);
          count(!!old, unchanged);
          if (!unchanged) write.changes.push(c);
        }
        const iKeys = [
          'entityRef',
          'environment',
          'startedAt',
          'resolvedAt',
          'deploymentId',
          'title',
          'url',
        ];
        for (const { event, row } of incidents.values()) {
          const old = oldI.get(row.id);
          const merged: IncidentRow = old
            ? {
                ...row,
                startedAt: event.startedAt ?? old.startedAt,
                resolvedAt: row.resolvedAt ?? old.resolvedAt,
                deploymentId: row.deploymentId ?? old.deploymentId,
                title: row.title ?? old.title,
                url: row.url ?? old.url,
              }
            : row;
          merged.teamRef = teamAt(merged.entityRef, merged.startedAt);
          const unchanged = !!old && same(old, merged, iKeys);
          count(!!old, unchanged);
          if (!unchanged) write.incidents.push(merged);
        }
        if (
          !write.deployments.length &&
          !write.changes.length &&
          !write.incidents.length
        )
          return result;
        // The pairs to judge again (old positions too: an event may move),
        // queued in the same transaction as the events.
        const touched: Array<{ entityRef: string; at: number }> = [];
        for (const d of write.deployments) {
          touched.push({ entityRef: d.entityRef, at: d.finishedAt });
          const old = oldD.get(d.id);
          if (old)
            touched.push({ entityRef: old.entityRef, at: old.finishedAt });
        }
        for (const c of write.changes) {
          touched.push({ entityRef: c.entityRef, at: c.mergedAt });
          const old = oldC.get(c.id);
          if (old) touched.push({ entityRef: old.entityRef, at: old.mergedAt });
        }
        for (const i of write.incidents) {
          touched.push({ entityRef: i.entityRef, at: i.startedAt });
          if (i.resolvedAt)
            touched.push({ entityRef: i.entityRef, at: i.resolvedAt });
        }
        // Explicit links reach further than time does: a revert fails the
        // deployment that shipped the change it reverts, an incident pinned
        // on a deployment fails it (whichever arrives first), a deployment
        // listing older changes takes them from the one that shipped them.
        // Judging covers both ends.
        const wantedChanges = new Set<string>();
        for (const c of write.changes)
          if (c.revertOf && !changes.has(c.revertOf))
            wantedChanges.add(c.revertOf);
        // A list that drops changes gives them back to time: judged again
        // where they are.
        const dropped = new Set<string>();
        for (const d of write.deployments) {
          for (const id of d.changeIds ?? [])
            if (!changes.has(id)) wantedChanges.add(id);
          const kept = new Set(d.changeIds ?? []);
          for (const id of oldD.get(d.id)?.changeIds ?? [])
            if (!kept.has(id)) {
              dropped.add(id);
              if (!changes.has(id)) wantedChanges.add(id);
            }
        }
        const wantedDeployments = write.incidents
          .map(i => i.deploymentId)
          .filter((id): id is string => !!id && !deployments.has(id));
        const [farChanges, farDeployments, pinned, listing] = await Promise.all(
          [
            this.store.existingChanges([...wantedChanges]),
            this.store.existingDeployments(wantedDeployments),
            this.store.incidentsPinnedOn(write.deployments.map(d => d.id)),
            // A change filed after the deployment that lists it.
            this.store.listingDeployments(write.changes.map(c => c.id)),
          ],
        );
        for (const l of listing)
          touched.push({ entityRef: l.entityRef, at: l.finishedAt });
        for (const id of dropped) {
          const c = changes.get(id) ?? farChanges.get(id);
          if (c) touched.push({ entityRef: c.entityRef, at: c.mergedAt });
        }
        for (const i of pinned)
          touched.push({ entityRef: i.entityRef, at: i.startedAt });
        for (const c of write.changes) {
          const target = c.revertOf
            ? changes.get(c.revertOf) ?? farChanges.get(c.revertOf)
            : undefined;
          if (target)
            touched.push({ entityRef: target.entityRef, at: target.mergedAt });
        }
        for (const d of write.deployments)
          for (const id of d.changeIds ?? []) {
            const listed = changes.get(id) ?? farChanges.get(id);
            if (listed)
              touched.push({
                entityRef: listed.entityRef,
                at: listed.mergedAt,
              });
          }
        for (const i of write.incidents) {
          const target = i.deploymentId
            ? deployments.get(i.deploymentId) ??
              farDeployments.get(i.deploymentId)
            : undefined;
          if (target)
            touched.push({
              entityRef: target.entityRef,
              at: target.finishedAt,
            });
        }
        await this.store.writeEvents({
          ...write,
          touched: firstAndLastPerDay(touched),
          queuedAt: this.now(),
        });
        this.kick();
        return result;
      })) as Promise<IngestResult>;
  }

  private draining?: Promise<void>;
  private drainAgain = false;

  /** Starts judging queued pairs in the background (one drain per instance). */
  kick() {
    if (this.draining) {
      this.drainAgain = true;
      return;
    }
    this.draining = (async () => {
      do {
        this.drainAgain = false;
        try {
          while (await this.drainOnce()) {
            // until the queue is empty
          }
          // Pairs leased by a drain that died (or another replica's, still
          // at work): try again when the lease ends.
          const leaseEnd = await this.store.nextLeaseEnd();
          if (leaseEnd !== undefined) this.kickAt(leaseEnd);
        } catch (e: any) {
          this.logger.error(`Judging delivery events failed: ${e?.stack ?? e}`);
          break;
        }
      } while (this.drainAgain);
      this.draining = undefined;
    })();
  }

  /**
   * Records the owners the catalog names now where they differ from each
   * entity's latest timeline entry (an owner change seen), and returns the
   * timelines.
   */
  private async observe(current: Map<string, string | null>) {
    const timelines = await this.store.ownershipTimelines([...current.keys()]);
    const seen: OwnershipEntry[] = [];
    const now = this.now();
    for (const [entityRef, teamRef] of current) {
      const list = timelines.get(entityRef) ?? [];
      const latest = list.length ? list[list.length - 1] : undefined;
      if (latest && latest.teamRef === teamRef) continue;
      const entry: OwnershipEntry = {
        entityRef,
        teamRef,
        from: now,
        source: 'observed',
      };
      seen.push(entry);
      timelines.set(entityRef, [...list.filter(e => e.from !== now), entry]);
    }
    if (seen.length) await this.store.recordOwnership(seen, now);
    return timelines;
  }

  /**
   * Reads every component's and resource's owner from the catalog and
   * records the changes (a scheduled task, so a reorganisation is seen even
   * while no events arrive). Returns how many owners changed.
   */
  async observeOwnership() {
    const credentials = await this.auth.getOwnServiceCredentials();
    const { items } = await this.catalog.getEntities(
      {
        filter: EVENT_KINDS.map(kind => ({ kind })),
        fields: ['kind', 'metadata.name', 'metadata.namespace', 'relations'],
      },
      { credentials },
    );
    const current = new Map<string, string | null>();
    for (const e of items) current.set(lower(stringifyEntityRef(e)), teamOf(e));
    const before = this.now();
    const timelines = await this.observe(current);
    let changed = 0;
    for (const list of timelines.values())
      if (list.some(e => e.from === before && e.source === 'observed'))
        changed += 1;
    return changed;
  }

  /** An entity's ownership timeline, for whoever may read the entity. */
  async ownershipTimeline(
    credentials: BackstageCredentials,
    entityRef: string,
  ) {
    const { ref } = await this.readable(credentials, entityRef, 'entityRef');
    return (await this.store.ownershipTimelines([ref])).get(ref) ?? [];
  }

  /**
   * An admin declares that `teamRef` owned the entity from `from`
   * (YYYY-MM-DD or an ISO instant, UTC; omitted: since before any event)
   * until the next entry — moves from before Teamflow watched the catalog.
   * The entity's events are attributed again from the timeline and their
   * days rolled up again.
   */
  async declareOwnership(
    credentials: BackstageCredentials,
    declaration: { entityRef?: unknown; teamRef?: unknown; from?: unknown },
  ) {
    await this.authorizeAdmin(credentials);
    const str = (name: 'entityRef' | 'teamRef') => {
      const v = declaration[name];
      if (typeof v !== 'string' || !v)
        throw new InputError(`${name} is required (an entity reference)`);
      return v;
    };
    const { ref, entity } = await this.readable(
      credentials,
      str('entityRef'),
      'entityRef',
    );
    if (!EVENT_KINDS.includes(entity.kind.toLocaleLowerCase('en-US')))
      throw new InputError(
        `entityRef: ${ref} is a ${entity.kind}; ownership is tracked for components and resources`,
      );
    const teamText = str('teamRef');
    const team = normaliseRef(
      teamText.includes(':') ? teamText : `group:${teamText}`,
    );
    if (!team || !team.startsWith('group:'))
      throw new InputError(`teamRef: ${teamText} is not a group reference`);
    const group = await this.catalog.getEntityByRef(team, { credentials });
    if (!group)
      throw new InputError(`teamRef: no group ${team} in the catalog`);
    let from = 0;
    if (declaration.from !== undefined && declaration.from !== null) {
      const text = String(declaration.from);
      let parsed = NaN;
      if (/^\d{4}-\d{2}-\d{2}$/.test(text))
        parsed = Date.parse(`${text}T00:00:00Z`);
      else if (/^\d{4}-\d{2}-\d{2}T/.test(text)) parsed = Date.parse(text);
      if (
        !Number.isFinite(parsed) ||
        (text.length === 10 &&
          new Date(parsed).toISOString().slice(0, 10) !== text)
      )
        throw new InputError(
          `from: ${text.slice(
            0,
            40,
          )} is not a date (YYYY-MM-DD) or an ISO instant`,
        );
      if (parsed > this.now())
        throw new InputError('from: a declared move cannot lie in the future');
      from = parsed;
    }
    // The owner the catalog names now goes on the timeline first, so the
    // declaration does not extend to today.
    await this.observe(new Map([[ref, teamOf(entity)]]));
    const principal = credentials.principal as {
      type?: string;
      userEntityRef?: string;
      subject?: string;
    };
    const who =
      principal.type === 'user'
        ? principal.userEntityRef
        : `service:${principal.subject ?? 'unknown'}`;
    await this.store.recordOwnership(
      [
        {
          entityRef: ref,
          teamRef: team,
          from,
          source: 'declared',
          recordedBy: who,
        },
      ],
      this.now(),
    );
    const timeline =
      (await this.store.ownershipTimelines([ref])).get(ref) ?? [];
    const reattributed = await this.store.reattribute(
      ref,
      t => ownerAt(timeline, t) ?? null,
      this.now(),
    );
    if (reattributed) this.kick();
    return { timeline, reattributed };
  }

  private leaseTimer?: ReturnType<typeof setTimeout>;

  private kickAt(at: number) {
    if (this.leaseTimer) clearTimeout(this.leaseTimer);
    this.leaseTimer = setTimeout(() => {
      this.leaseTimer = undefined;
      this.kick();
    }, Math.max(50, at - Date.now() + 50));
    this.leaseTimer.unref?.();
  }

  /** Judges one claim of queued pairs; false when the queue was empty. */
  async drainOnce(limit = 5000) {
    const claim = await this.store.claimQueue(
      limit,
      this.holder,
      this.leaseMs,
      Date.now(),
    );
    const rows = claim.rows;
    if (!rows.length) return false;
    const touched = new Map<string, { from: number; to: number }>();
    for (const r of rows) {
      const t = touched.get(r.entityRef);
      if (!t) touched.set(r.entityRef, { from: r.at, to: r.at });
      else {
        t.from = Math.min(t.from, r.at);
        t.to = Math.max(t.to, r.at);
      }
    }
    // Entities judged together when their ranges are alike (live events); a
    // backfill spanning months is judged per entity.
    const groups = new Map<string, string[]>();
    for (const [ref, r] of touched) {
      const key = `${Math.floor(r.from / (7 * DAY))}:${Math.floor(
        r.to / (7 * DAY),
      )}`;
      const list = groups.get(key);
      if (list) list.push(ref);
      else groups.set(key, [ref]);
    }
    const jobs: JudgeOptions[] = [];
    for (const refs of groups.values())
      for (let i = 0; i < refs.length; i += this.judgeGroupSize) {
        const part = refs.slice(i, i + this.judgeGroupSize);
        const group = new Set(part);
        jobs.push({
          store: this.store,
          definitions: this.definitions,
          horizonDays: this.horizonDays,
          entityRefs: part,
          from: Math.min(...part.map(r => touched.get(r)!.from)),
          to: Math.max(...part.map(r => touched.get(r)!.to)),
          touched: rows.filter(w => group.has(w.entityRef)),
        });
      }
    const again: Array<{ entityRef: string; at: number }> = [];
    try {
      // Behind (three groups or more queued): each group's context is read
      // while the group before it is decided and written, so both cores
      // work — the groups hold different entities; when one reaches into
      // the other's, it is read again after the write. Keeping up: one
      // after the other, leaving room for the requests.
      const overlapping = jobs.length >= 3;
      let next = jobs.length ? prepareJudgement(jobs[0]) : undefined;
      let renewed = Date.now();
      for (let k = 0; k < jobs.length; k++) {
        const current = await next!;
        const following =
          overlapping && k + 1 < jobs.length
            ? prepareJudgement(jobs[k + 1])
            : undefined;
        const [written, read] = await Promise.allSettled([
          finishJudgement(current),
          following,
        ]);
        if (written.status === 'rejected') throw written.reason;
        if (read.status === 'rejected') throw read.reason;
        again.push(...written.value.again);
        if (k + 1 < jobs.length)
          next =
            read.value && !overlap(current, read.value)
              ? Promise.resolve(read.value)
              : prepareJudgement(jobs[k + 1]);
        // A long claim keeps its lease while it is being judged.
        if (Date.now() - renewed > this.leaseMs / 3) {
          renewed = Date.now();
          await this.store.renewClaim(
            claim.ids,
            this.holder,
            renewed + this.leaseMs,
          );
        }
      }
    } catch (e) {
      await this.store.releaseClaim(claim.ids, this.holder);
      throw e;
    }
    // Verdicts stored: only now do the pairs leave the queue (killed before
    // this, they are judged again once the lease ends).
    if (again.length)
      await this.store.requeue(
        again.map(a => ({ ...a, queuedAt: this.now() })),
      );
    await this.store.completeClaim(claim.ids, this.holder);
    return true;
  }

  /**
   * Resolves once this instance has judged everything queued (reads call it,
   * bounded, so a caller sees the events it just sent).
   */
  async settled(timeoutMs = Infinity) {
    const deadline = Date.now() + timeoutMs;
    while (this.draining && Date.now() < deadline) {
      await Promise.race([
        this.draining,
        new Promise(r => setTimeout(r, Math.min(250, deadline - Date.now()))),
      ]);
    }
  }

  /**
   * A provider webhook from the events system: mapped to delivery events
   * (see webhooks.ts) and filed like any batch; problems are logged, since
   * the provider got its 202 from the ingress already.
   */
  async ingestWebhook(
    topic: string,
    payload: unknown,
    metadata: Record<string, string | string[] | undefined>,
  ) {
    const now = this.now();
    let events: IncomingEvent[] = [];
    try {
      if (topic === 'github') {
        const name = metadata['x-github-event'];
        events = fromGithub(
          String(Array.isArray(name) ? name[0] : name),
          payload,
          now,
        );
      } else if (topic === 'gitlab') events = fromGitlab(payload, now);
      else if (topic === 'pagerduty') events = fromPagerDuty(payload, now);
    } catch (e) {
      if (!(e instanceof EventProblem)) throw e;
      this.logger.warn(`Ignored a ${topic} webhook: ${e.message}`);
      return undefined;
    }
    if (!events.length) return undefined;
    const result = await this.ingest(
      events.map(event => ({ source: `${topic}-webhook`, event })),
    );
    for (const r of result.rejected)
      this.logger.info(`A ${topic} webhook event was not filed: ${r.message}`);
    return result;
  }

  /** A fingerprint of the definitions the stored judgement was made with. */
  definitionsHash() {
    return createHash('sha256')
      .update(JSON.stringify([this.definitions, this.horizonDays]))
      .digest('hex')
      .slice(0, 16);
  }

  /** Re-judges everything when the definitions in config changed. */
  async rejudgeIfDefinitionsChanged() {
    const stored = await this.store.getState('ledger', 'definitions');
    const hash = this.definitionsHash();
    if (stored?.hash === hash) return false;
    const ranges: Array<{ entity_ref: string; from: number; to: number }> =
      await this.store
        .db('delivery_deployments')
        .groupBy('entity_ref')
        .select('entity_ref')
        .min({ from: 'finished_at' })
        .max({ to: 'finished_at' });
    if (ranges.length)
      this.logger.info(
        `Delivery definitions changed: judging the events of ${ranges.length} entities again`,
      );
    for (const r of ranges) {
      await judgeAround({
        store: this.store,
        definitions: this.definitions,
        horizonDays: this.horizonDays,
        entityRefs: [r.entity_ref],
        from: Number(r.from),
        to: Number(r.to),
        allDays: true,
      });
    }
    await this.store.setState('ledger', 'definitions', { hash }, this.now());
    return true;
  }

  private async readable(
    credentials: BackstageCredentials,
    ref: string,
    parameter: 'entityRef' | 'teamRef',
  ) {
    const normalised = normaliseRef(ref);
    if (!normalised)
      throw new InputError(
        `${parameter}: ${JSON.stringify(
          ref.slice(0, 100),
        )} is not an entity reference ([kind:][namespace/]name, names of letters, digits, '-', '_' and '.')`,
      );
    const entity = await this.catalog.getEntityByRef(normalised, {
      credentials,
    });
    if (!entity)
      throw new NotFoundError(
        `No entity ${normalised} in the catalog (or you may not read it)`,
      );
    return { ref: normalised, entity };
  }

  private groupTree?: {
    at: number;
    groups: Promise<{ children: Map<string, string[]>; teams: string[] }>;
  };

  /**
   * Group → child groups, and the groups of type `team`, read from the
   * catalog at most once a minute.
   */
  private groups() {
    if (!this.groupTree || this.now() - this.groupTree.at > 60_000) {
      const groups = (async () => {
        const credentials = await this.auth.getOwnServiceCredentials();
        const { items } = await this.catalog.getEntities(
          {
            filter: { kind: 'group' },
            fields: [
              'kind',
              'metadata.name',
              'metadata.namespace',
              'spec.type',
              'relations',
            ],
          },
          { credentials },
        );
        const children = new Map<string, string[]>();
        const teams: string[] = [];
        for (const g of items) {
          const ref = lower(stringifyEntityRef(g));
          children.set(
            ref,
            (g.relations ?? [])
              .filter(r => r.type === 'parentOf')
              .map(r => lower(r.targetRef)),
          );
          if (g.spec?.type === 'team') teams.push(ref);
        }
        return { children, teams: teams.sort() };
      })();
      this.groupTree = { at: this.now(), groups };
      groups.catch(() => {
        this.groupTree = undefined;
      });
    }
    return this.groupTree.groups;
  }

  /** The team and its descendants (parentOf relations, any depth). */
  private async teamAndChildren(team: Entity) {
    const { children } = await this.groups();
    const out: string[] = [];
    const walk = (ref: string) => {
      if (out.includes(ref)) return;
      out.push(ref);
      for (const c of children.get(ref) ?? []) walk(c);
    };
    walk(lower(stringifyEntityRef(team)));
    return out;
  }

  private scopeFilter = async (
    credentials: BackstageCredentials,
    scope: {
      entityRef?: string;
      teamRef?: string;
      includeChildTeams?: boolean;
    },
  ) => {
    if (scope.teamRef) {
      const { ref, entity } = await this.readable(
        credentials,
        scope.teamRef,
        'teamRef',
      );
      if (entity.kind.toLocaleLowerCase('en-US') !== 'group')
        throw new InputError(`teamRef ${ref} is not a group`);
      const teams =
        scope.includeChildTeams === false
          ? [ref]
          : await this.teamAndChildren(entity);
      return {
        scope: {
          kind: 'team' as const,
          teamRef: ref,
          includeChildTeams: scope.includeChildTeams !== false,
        },
        members: teams,
        filter: { teamRefs: teams },
        targets: this.targets[ref],
      };
    }
    if (!scope.entityRef)
      throw new InputError(
        "Query parameter 'entityRef' or 'teamRef' is required",
      );
    const { ref, entity } = await this.readable(
      credentials,
      scope.entityRef,
      'entityRef',
    );
    let members = [ref];
    if (entity.kind.toLocaleLowerCase('en-US') === 'system')
      members = (entity.relations ?? [])
        .filter(r => r.type === 'hasPart')
        .map(r => lower(r.targetRef));
    const owner = (entity.relations ?? []).find(r => r.type === 'ownedBy');
    return {
      scope: { kind: 'entity' as const, entityRef: ref },
      members,
      filter: { entityRefs: members },
      targets: owner ? this.targets[lower(owner.targetRef)] : undefined,
    };
  };

  /** The five metrics of a component, system or team (with child teams), exact. */
  async summary(
    credentials: BackstageCredentials,
    query: {
      entityRef?: string;
      teamRef?: string;
      includeChildTeams?: boolean;
      environment?: string;
      window: FlowWindow;
    },
  ): Promise<FlowSummaryResponse> {
    await this.settled(READ_WAIT_MS);
    const s = await this.scopeFilter(credentials, query);
    const environment = query.environment ?? this.definitions.environment;
    const [rows, environments] = await Promise.all([
      this.store.entityDays({
        ...s.filter,
        environment,
        fromDay: query.window.from.slice(0, 10),
        toDay: query.window.to.slice(0, 10),
      }),
      this.store.environments(s.filter),
    ]);
    return {
      scope: s.scope,
      members: s.members,
      environment,
      definitions: { ...this.definitions, environment },
      environments,
      summary: summariseRollups(
        rows,
        query.window,
        this.definitions.minimumSample,
      ),
      targets: s.targets,
    };
  }

  /** Every team's metrics and the organisation's, from team day rows. */
  async organisation(query: {
    environment?: string;
    window: FlowWindow;
    /** false: teams without their weekly trend (most of the answer at 2,000 teams). */
    teamTrends?: boolean;
  }): Promise<OrgFlowResponse> {
    await this.settled(READ_WAIT_MS);
    const environment = query.environment ?? this.definitions.environment;
    const fromDay = query.window.from.slice(0, 10);
    const toDay = query.window.to.slice(0, 10);
    const { teams, weeks, organisationDeployDays } =
      await this.store.teamTotals({ environment, fromDay, toDay });
    const weeksOf = new Map<string, DailyRollup[]>();
    for (const w of weeks) {
      const list = weeksOf.get(w.teamRef);
      if (list) list.push(w.totals);
      else weeksOf.set(w.teamRef, [w.totals]);
    }
    const min = this.definitions.minimumSample;
    const rows = teams
      .filter(t => t.teamRef !== '')
      .map(t => ({
        teamRef: t.teamRef,
        summary: summariseTotals(
          t.totals,
          weeksOf.get(t.teamRef) ?? [],
          query.window,
          min,
        ),
      }))
      .sort((a, b) => a.teamRef.localeCompare(b.teamRef));
    const reporting = new Set(rows.map(r => r.teamRef));
    const orgWeeks = new Map<string, DailyRollup[]>();
    for (const w of weeks) {
      const list = orgWeeks.get(w.week);
      if (list) list.push(w.totals);
      else orgWeeks.set(w.week, [w.totals]);
    }
    const orgTotal = {
      ...mergeRollups(
        fromDay,
        teams.map(t => t.totals),
      ),
      deployDays: organisationDeployDays,
    };
    return {
      environment,
      definitions: { ...this.definitions, environment },
      window: query.window,
      organisation: summariseTotals(
        orgTotal,
        [...orgWeeks.entries()].map(([week, list]) => mergeRollups(week, list)),
        query.window,
        min,
      ),
      teams:
        query.teamTrends === false
          ? rows.map(r => ({ ...r, summary: { ...r.summary, trend: [] } }))
          : rows,
      teamsWithoutEvents: (await this.groups()).teams.filter(
        t => !reporting.has(t),
      ),
    };
  }

  /** The events behind a number. */
  async drillDown(
    credentials: BackstageCredentials,
    query: {
      entityRef?: string;
      teamRef?: string;
      includeChildTeams?: boolean;
      environment?: string;
      window: FlowWindow;
      only?: 'failed' | 'rework' | 'with-changes' | 'without-changes';
      limit: number;
    },
  ): Promise<DrillDownResponse> {
    await this.settled(READ_WAIT_MS);
    const s = await this.scopeFilter(credentials, query);
    const environment = query.environment ?? this.definitions.environment;
    const found = await this.store.drillDown({
      ...s.filter,
      environment,
      from: Date.parse(query.window.from),
      to: Date.parse(query.window.to),
      only: query.only,
      limit: query.limit,
    });
    // Only events of entities the caller may read.
    const refs = [
      ...new Set([
        ...found.deployments.map(d => d.entityRef),
        ...found.incidents.map(i => i.entityRef),
      ]),
    ];
    const visible = new Set<string>();
    if (refs.length) {
      const { items } = await this.catalog.getEntitiesByRefs(
        {
          entityRefs: refs,
          fields: ['kind', 'metadata.name', 'metadata.namespace'],
        },
        { credentials },
      );
      for (const e of items) if (e) visible.add(lower(stringifyEntityRef(e)));
    }
    const deployments: DeploymentRecord[] = found.deployments
      .filter(d => visible.has(d.entityRef))
      .map(d => ({
        id: d.id,
        entityRef: d.entityRef,
        teamRef: d.teamRef,
        environment: d.environment,
        finishedAt: iso(d.finishedAt),
        status: d.status,
        rollback: d.rollback,
        version: d.version,
        url: d.url,
        source: d.source,
        failed: !!d.failed,
        rework: !!d.rework,
        recoveryHours: d.recoveryHours ?? null,
        changes: d.changes ?? 0,
      }));
    const shown = new Set(deployments.map(d => d.id));
    const changes: ChangeRecord[] = found.links
      .filter(l => shown.has(l.deploymentId) && found.changes.has(l.changeId))
      .map(l => {
        const c = found.changes.get(l.changeId)!;
        return {
          id: c.id,
          entityRef: c.entityRef,
          title: c.title,
          url: c.url,
          mergedAt: iso(c.mergedAt),
          firstCommitAt:
            c.firstCommitAt !== undefined ? iso(c.firstCommitAt) : undefined,
          openedAt: c.openedAt !== undefined ? iso(c.openedAt) : undefined,
          labels: c.labels,
          revertOf: c.revertOf,
          deploymentId: l.deploymentId,
          leadTimeHours: l.leadTimeHours,
        };
      });
    const incidents: IncidentRecord[] = found.incidents
      .filter(i => visible.has(i.entityRef))
      .map(i => {
        let link: IncidentRecord['link'] = null;
        if (i.linkedDeploymentId)
          link =
            i.deploymentId === i.linkedDeploymentId ? 'explicit' : 'window';
        return {
          id: i.id,
          entityRef: i.entityRef,
          title: i.title,
          url: i.url,
          startedAt: iso(i.startedAt),
          resolvedAt:
            i.resolvedAt !== undefined ? iso(i.resolvedAt) : undefined,
          deploymentId: i.linkedDeploymentId ?? null,
          link,
        };
      });
    return { deployments, changes, incidents, truncated: found.truncated };
  }

  async recordSourceState(source: string, key: string, state: unknown) {
    await this.store.setState(source, key, state, this.now());
  }

  async getSourceState<T>(source: string, key: string): Promise<T | undefined> {
    return this.store.getState(source, key);
  }

  async sourceStates() {
    return {
      events: await this.store.countEvents(),
      queued: await this.store.queueDepth(),
      sources: await this.store.listStates(),
    };
  }
}
