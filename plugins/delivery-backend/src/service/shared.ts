import { Entity } from '@backstage/catalog-model';
import {
  AuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { InputError } from '@backstage/errors';
import { FlowDefinitions, FlowTargets } from '@teamflow/plugin-delivery-common';
import { validEntityRef } from '@teamflow/plugin-teamflow-common';
import {
  OrgModelService,
  groupOwnerOf,
  lowerRef,
} from '@teamflow/plugin-teamflow-node';
import { DeliveryStore } from '../database/DeliveryStore';

/*
 * What the parts of the delivery backend (ingest, judging, ownership,
 * reading) share: their services and settings, and small helpers about
 * entity references and windows.
 */

/** Services and settings every part of the ledger works with. */
export type DeliveryContext = {
  store: DeliveryStore;
  catalog: CatalogService;
  /** Teams, hierarchy and owners: the model every Teamflow plugin shares. */
  org: OrgModelService;
  auth: AuthService;
  permissions: PermissionsService;
  logger: LoggerService;
  definitions: FlowDefinitions;
  horizonDays: number;
  judgeGroupSize: number;
  targets: Record<string, FlowTargets>;
  now: () => number;
  leaseMs: number;
  /** Keep every team's numbers per window between organisation answers. */
  organisationCache: boolean;
};

/** A part of the ledger: the context's members as fields. */
export abstract class Part {
  protected readonly store: DeliveryStore;
  protected readonly catalog: CatalogService;
  protected readonly auth: AuthService;
  protected readonly logger: LoggerService;
  protected readonly definitions: FlowDefinitions;
  protected readonly now: () => number;
  constructor(protected readonly ctx: DeliveryContext) {
    this.store = ctx.store;
    this.catalog = ctx.catalog;
    this.auth = ctx.auth;
    this.logger = ctx.logger;
    this.definitions = ctx.definitions;
    this.now = ctx.now;
  }
}

// Entity refs compare case-insensitively (Teamflow's one rule).
export const lower = lowerRef;
export const DAY = 86_400_000;
export const iso = (ms: number) => new Date(ms).toISOString();
export const PROJECT_SLUGS = [
  'github.com/project-slug',
  'gitlab.com/project-slug',
];

/**
 * An entity reference in the catalog's lower-case form (kind component,
 * namespace default unless written), or undefined when it is not one (see
 * validEntityRef: `component:../..` is refused here, not sent on to the
 * catalog).
 */
export function normaliseRef(ref: string) {
  const valid = validEntityRef(ref, 'component');
  return valid === undefined ? undefined : lower(valid);
}

/** The group owning an entity now (Teamflow's owner rule), or null. */
export const teamOf: (e: Entity) => string | null = groupOwnerOf;

/** Kinds events can be about: what is deployed and what has incidents. */
export const EVENT_KINDS = ['component', 'resource'];

/** How long a read waits for this instance's judging to catch up. */
export const READ_WAIT_MS = 3000;

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
