import {
  AuthService,
  BackstageCredentials,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { FlowDefinitions, FlowTargets } from '@teamflow/plugin-delivery-common';
import {
  OrgModelService,
  orgModelFromCatalog,
} from '@teamflow/plugin-teamflow-node';

import { DeliveryStore } from '../database/DeliveryStore';
import { Ingest } from '../ingest/Ingest';
import { Judging } from '../judging/Judging';
import { Ownership } from '../ownership/Ownership';
import { Reading } from '../reading/Reading';
import { Access } from './access';
import { DeliveryContext, FlowWindow, lower } from './shared';

export { MAX_BATCH, parseWindow } from './shared';
export type { FlowWindow } from './shared';

/**
 * The delivery ledger: files events from every source (attributed to their
 * entity and its owning team at event time), judges them with the metric
 * definitions, and answers summaries and drill-downs from day roll-ups.
 *
 * One object over the backend's parts, each with one job: `ingest/`
 * (filing), `judging/` (the queue and the verdicts), `ownership/` (owners
 * over time), `reading/` (answers), `database/` (storage), `http/` (routes
 * and CloudEvents).
 *
 * @public
 */
export class DeliveryService {
  private readonly access: Access;
  private readonly judging: Judging;
  private readonly reading: Reading;
  private readonly ownership: Ownership;
  private readonly filing: Ingest;

  private constructor(private readonly ctx: DeliveryContext) {
    this.access = new Access(ctx.permissions);
    this.judging = new Judging(ctx);
    this.reading = new Reading(ctx, this.judging);
    this.ownership = new Ownership(
      ctx,
      this.judging,
      this.reading,
      this.access,
    );
    this.filing = new Ingest(ctx, this.ownership, this.judging);
  }

  static create(options: {
    store: DeliveryStore;
    catalog: CatalogService;
    /** The shared organisation model (default: one over `catalog`). */
    org?: OrgModelService;
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
    /**
     * Keep every team's numbers per window in memory between organisation
     * answers, read again only for the teams judged since (default true).
     */
    organisationCache?: boolean;
  }) {
    return new DeliveryService({
      store: options.store,
      catalog: options.catalog,
      org:
        options.org ??
        orgModelFromCatalog({
          catalog: options.catalog,
          auth: options.auth,
          now: options.now,
        }),
      auth: options.auth,
      permissions: options.permissions,
      logger: options.logger,
      definitions: options.definitions,
      horizonDays: options.horizonDays ?? 30,
      judgeGroupSize: options.judgeGroupSize ?? 200,
      targets: Object.fromEntries(
        Object.entries(options.targets ?? {}).map(([k, v]) => [lower(k), v]),
      ),
      now: options.now ?? (() => Date.now()),
      leaseMs: options.judgingLeaseMs ?? 120_000,
      organisationCache: options.organisationCache !== false,
    });
  }

  get definitions(): FlowDefinitions {
    return this.ctx.definitions;
  }

  // Permissions.
  authorizeIngest(credentials: BackstageCredentials) {
    return this.access.ingest(credentials);
  }
  authorizeRead(credentials: BackstageCredentials) {
    return this.access.read(credentials);
  }
  authorizeAdmin(credentials: BackstageCredentials) {
    return this.access.admin(credentials);
  }

  // Filing.
  ingest(events: Parameters<Ingest['ingest']>[0]) {
    return this.filing.ingest(events);
  }
  ingestWebhook(
    topic: string,
    payload: unknown,
    metadata: Record<string, string | string[] | undefined>,
  ) {
    return this.filing.ingestWebhook(topic, payload, metadata);
  }

  // Judging.
  kick() {
    this.judging.kick();
  }
  drainOnce(limit?: number) {
    return this.judging.drainOnce(limit);
  }
  settled(timeoutMs?: number) {
    return this.judging.settled(timeoutMs);
  }
  definitionsHash() {
    return this.judging.definitionsHash();
  }
  rejudgeIfDefinitionsChanged() {
    return this.judging.rejudgeIfDefinitionsChanged();
  }

  // Ownership over time.
  observeOwnership() {
    return this.ownership.observeOwnership();
  }
  ownershipTimeline(credentials: BackstageCredentials, entityRef: string) {
    return this.ownership.ownershipTimeline(credentials, entityRef);
  }
  declareOwnership(
    credentials: BackstageCredentials,
    declaration: Parameters<Ownership['declareOwnership']>[1],
  ) {
    return this.ownership.declareOwnership(credentials, declaration);
  }

  // Reading.
  summary(
    credentials: BackstageCredentials,
    query: Parameters<Reading['summary']>[1],
  ) {
    return this.reading.summary(credentials, query);
  }
  organisation(query: {
    environment?: string;
    window: FlowWindow;
    teamTrends?: boolean;
  }) {
    return this.reading.organisation(query);
  }
  /** Sums ahead the organisation windows ending with the current day. */
  readAhead() {
    return this.reading.readAhead();
  }
  drillDown(
    credentials: BackstageCredentials,
    query: Parameters<Reading['drillDown']>[1],
  ) {
    return this.reading.drillDown(credentials, query);
  }

  // Sources' state.
  async recordSourceState(source: string, key: string, state: unknown) {
    await this.ctx.store.states.setState(source, key, state, this.ctx.now());
  }
  async getSourceState<T>(source: string, key: string): Promise<T | undefined> {
    return this.ctx.store.states.getState(source, key);
  }
  async sourceStates() {
    return {
      events: await this.ctx.store.countEvents(),
      queued: await this.ctx.store.queue.queueDepth(),
      sources: await this.ctx.store.states.listStates(),
    };
  }
}
