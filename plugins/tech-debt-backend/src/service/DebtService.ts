import { createHash, randomUUID } from 'node:crypto';
import {
  AuthService,
  BackstageCredentials,
  LoggerService,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import {
  DebtItem,
  DebtSignal,
  debtScore,
  techDebtManagePermission,
  validateDebtItem,
} from '@teamflow/plugin-tech-debt-common';
import { DebtSignalProvider } from '@teamflow/plugin-tech-debt-node';
import { validEntityRef } from '@teamflow/plugin-teamflow-common';
import {
  OrgModelService,
  lowerRef,
  orgModelFromCatalog,
  ownerOf,
} from '@teamflow/plugin-teamflow-node';
import { DebtStore, StoredDebtItem } from '../database/DebtStore';
import { catalogSignals } from './catalogSignals';
import { snapshotRows } from './snapshots';
import { DebtRollups } from './DebtRollups';
import { OPEN, present } from './rollupMath';

export { resolutionByQuarter } from './rollupMath';
export type { QuarterResolution } from './rollupMath';

const lower = lowerRef;

/** Thrown by `updateItem` when the item changed since the caller read it. @public */
export class DebtConflict extends Error {
  constructor(readonly current: DebtItem) {
    super(
      `Item ${current.id} was changed by someone else (now version ${current.version}); review the current item and apply your change again`,
    );
  }
}

/** `ref` in the catalog's form, or a 400 naming `param` (see validEntityRef). */
function entityRefParam(ref: string, param: string, defaultKind: string) {
  const valid = validEntityRef(ref, defaultKind);
  if (valid === undefined)
    throw new InputError(
      `${param}: "${ref}" is not an entity reference (kind:namespace/name, e.g. component:default/checkout-service)`,
    );
  return valid;
}

/**
 * The debt register and its roll-ups: items on catalog entities, editable by
 * the owning team (or with `tech-debt.item.manage`), with a history and
 * version checks; signals from providers and the catalog; snapshots for trends.
 *
 * @public
 */
export class DebtService {
  private constructor(
    private readonly store: DebtStore,
    private readonly catalog: CatalogService,
    private readonly auth: AuthService,
    private readonly userInfo: UserInfoService,
    private readonly permissions: PermissionsService,
    private readonly providers: DebtSignalProvider[],
    private readonly logger: LoggerService,
    private readonly now: () => Date,
    private readonly org: OrgModelService,
  ) {
    this.rollups = new DebtRollups(store, now, c => this.visibleRefs(c));
  }

  private readonly rollups: DebtRollups;

  static create(options: {
    store: DebtStore;
    catalog: CatalogService;
    /** The backend's shared organisation model (default: one of its own). */
    org?: OrgModelService;
    auth: AuthService;
    userInfo: UserInfoService;
    permissions: PermissionsService;
    providers?: DebtSignalProvider[];
    logger: LoggerService;
    now?: () => Date;
  }) {
    return new DebtService(
      options.store,
      options.catalog,
      options.auth,
      options.userInfo,
      options.permissions,
      options.providers ?? [],
      options.logger,
      options.now ?? (() => new Date()),
      options.org ??
        orgModelFromCatalog({ catalog: options.catalog, auth: options.auth }),
    );
  }

  /** The entity as the caller may read it, or a 400 naming the ref. */
  private async readableEntity(credentials: BackstageCredentials, ref: string) {
    const entity = await this.catalog.getEntityByRef(
      entityRefParam(ref, 'entityRef', 'component'),
      { credentials },
    );
    if (!entity) {
      throw new InputError(
        `entityRef: no entity ${ref} in the catalog (or you may not read it)`,
      );
    }
    return entity;
  }

  private ownerOf(entity: Entity) {
    return ownerOf(entity) ?? undefined;
  }

  private async mayManage(credentials: BackstageCredentials, entity: Entity) {
    if (!this.auth.isPrincipal(credentials, 'user')) return false;
    const info = await this.userInfo.getUserInfo(credentials);
    const owner = this.ownerOf(entity);
    if (owner && info.ownershipEntityRefs.map(lower).includes(owner))
      return true;
    const [d] = await this.permissions.authorize(
      [{ permission: techDebtManagePermission }],
      { credentials },
    );
    return d.result === AuthorizeResult.ALLOW;
  }

  private async user(credentials: BackstageCredentials) {
    if (!this.auth.isPrincipal(credentials, 'user')) {
      throw new NotAllowedError(
        'Only signed-in users can change the debt register',
      );
    }
    return lower((await this.userInfo.getUserInfo(credentials)).userEntityRef);
  }

  async listForEntity(credentials: BackstageCredentials, entityRef: string) {
    const entity = await this.readableEntity(credentials, entityRef);
    const ref = lower(stringifyEntityRef(entity));
    const [items, signals] = await Promise.all([
      this.store.listItems({ entityRefs: [ref], orderByScore: true }),
      this.store.listSignals([ref]),
    ]);
    return {
      entityRef: ref,
      canManage: await this.mayManage(credentials, entity),
      items: items.map(present),
      signals,
    };
  }

  /** Every item on the entities a team owns, that the caller may read. */
  async listForTeam(credentials: BackstageCredentials, teamRef: string) {
    const team = lower(entityRefParam(teamRef, 'teamRef', 'group'));
    const visible = await this.visibleRefs(credentials);
    const items = await this.store.listItems({
      teamRef: team,
      orderByScore: true,
    });
    return {
      teamRef: team,
      items: items
        .filter(i => !visible || visible.has(i.entityRef))
        .map(present),
    };
  }

  async createItem(credentials: BackstageCredentials, body: unknown) {
    const author = await this.user(credentials);
    const problems = validateDebtItem(body, { partial: false });
    if (problems.length) {
      throw new InputError(
        problems.map(p => `${p.field} ${p.message}`).join('; '),
      );
    }
    const input = body as Partial<DebtItem>;
    if (input.version !== undefined) {
      throw new InputError('version is set by the register, not by a new item');
    }
    const entity = await this.readableEntity(credentials, input.entityRef!);
    if (!(await this.mayManage(credentials, entity))) {
      throw new NotAllowedError(
        `Only members of ${
          this.ownerOf(entity) ?? 'the owning team'
        } (or people with tech-debt.item.manage) can record debt on ${
          input.entityRef
        }`,
      );
    }
    const now = this.now().toISOString();
    const status = input.status ?? 'open';
    const item: StoredDebtItem = {
      id: randomUUID(),
      entityRef: lower(stringifyEntityRef(entity)),
      teamRef: this.ownerOf(entity),
      title: input.title!.trim(),
      description: input.description,
      category: input.category!,
      impact: input.impact!,
      effort: input.effort!,
      interestHoursPerMonth: input.interestHoursPerMonth ?? 0,
      status,
      links: input.links ?? [],
      author,
      version: 1,
      signalId: input.signalId,
      createdAt: now,
      updatedAt: now,
      resolvedAt: status === 'resolved' ? now : undefined,
      score: 0,
    };
    item.score = debtScore(item);
    await this.store.createItem(item);
    return present(item);
  }

  async updateItem(
    credentials: BackstageCredentials,
    id: string,
    body: unknown,
  ) {
    const changedBy = await this.user(credentials);
    const problems = validateDebtItem(body, { partial: true });
    if (problems.length) {
      throw new InputError(
        problems.map(p => `${p.field} ${p.message}`).join('; '),
      );
    }
    const patch = body as Partial<DebtItem>;
    if (!Number.isInteger(patch.version)) {
      throw new InputError(
        'version is required: the version of the item your change starts from',
      );
    }
    const item = await this.store.getItem(id);
    if (!item) throw new NotFoundError(`No debt item ${id}`);
    if (
      patch.entityRef !== undefined &&
      lower(patch.entityRef) !== item.entityRef
    ) {
      throw new InputError(
        'entityRef cannot change; record a new item on the other entity',
      );
    }
    const entity = await this.readableEntity(credentials, item.entityRef);
    if (!(await this.mayManage(credentials, entity))) {
      throw new NotAllowedError(
        `Only members of ${
          this.ownerOf(entity) ?? 'the owning team'
        } (or people with tech-debt.item.manage) can change debt on ${
          item.entityRef
        }`,
      );
    }
    const now = this.now().toISOString();
    const { version, entityRef, signalId, note, ...fields } = patch as Partial<
      DebtItem & { note: string }
    >;
    const next: Partial<StoredDebtItem> = { ...fields };
    if (fields.status === 'resolved' && item.status !== 'resolved')
      next.resolvedAt = now;
    if (fields.status && fields.status !== 'resolved')
      next.resolvedAt = undefined;
    const result = await this.store.updateItem(id, version!, next, {
      changedBy,
      changedAt: now,
      note: note?.trim(),
    });
    if (!result) throw new NotFoundError(`No debt item ${id}`);
    if ('conflict' in result) throw new DebtConflict(present(result.conflict));
    return present(result.updated);
  }

  async history(credentials: BackstageCredentials, id: string) {
    const item = await this.store.getItem(id);
    if (!item) throw new NotFoundError(`No debt item ${id}`);
    await this.readableEntity(credentials, item.entityRef);
    return { item: present(item), history: await this.store.history(id) };
  }

  /** Entity refs the caller may read among `kinds`, or undefined for "all". */
  private async visibleRefs(credentials: BackstageCredentials) {
    const [decision] = await this.permissions.authorizeConditional(
      [{ permission: catalogEntityReadPermission }],
      { credentials },
    );
    if (decision.result === AuthorizeResult.DENY) {
      throw new NotAllowedError('You may not read the catalog');
    }
    if (decision.result === AuthorizeResult.ALLOW) return undefined;
    const { items } = await this.catalog.getEntities(
      {
        filter: { kind: ['component', 'system', 'resource', 'api'] },
        fields: ['kind', 'metadata.name', 'metadata.namespace'],
      },
      { credentials },
    );
    return new Set(items.map(e => lower(stringifyEntityRef(e))));
  }

  /**
   * Groups and entities of the owned kinds, with owner relations, lifecycle
   * and annotations: the organisation model's read, shared with the other
   * Teamflow plugins of this backend.
   */
  /** A team's open debt by category and status, top items, quick wins and trend. */
  teamRollup(credentials: BackstageCredentials, teamRef: string) {
    return this.rollups.teamRollup(credentials, teamRef);
  }

  /** The organisation's roll-up, and every team's open items by category. */
  orgRollup(credentials: BackstageCredentials) {
    return this.rollups.orgRollup(credentials);
  }

  private async catalogEntities(): Promise<Entity[]> {
    return [...(await this.org.current()).entities];
  }

  /**
   * Collects signals from every provider and the catalog, and re-attributes
   * items to their entity's current owner. Run by a scheduled task.
   */
  async refresh() {
    const entities = await this.catalogEntities();
    const measuredAt = this.now().toISOString();
    const id = (
      source: string,
      s: { entityRef: string; kind: string; title: string },
    ) =>
      createHash('sha256')
        .update(`${source}\n${s.entityRef}\n${s.kind}\n${s.title}`)
        .digest('hex')
        .slice(0, 40);
    const sources: Array<
      [
        string,
        () => Promise<Omit<DebtSignal, 'id' | 'measuredAt' | 'source'>[]>,
      ]
    > = [
      ['catalog', async () => catalogSignals(entities)],
      ...this.providers.map(
        p =>
          [
            p.id,
            () => p.collect(entities.filter(e => lower(e.kind) !== 'group')),
          ] as [string, () => Promise<any>],
      ),
    ];
    for (const [source, collect] of sources) {
      try {
        const signals = (await collect()).map(s => ({
          ...s,
          entityRef: lower(s.entityRef),
          source,
          id: id(source, s),
          measuredAt,
        }));
        await this.store.replaceSignals(source, signals);
      } catch (e) {
        // One failing source keeps its previous signals; the others refresh.
        this.logger.warn(`Collecting ${source} debt signals failed: ${e}`);
      }
    }
    const teamOf = new Map<string, string>();
    for (const e of entities) {
      const owner = this.ownerOf(e);
      if (owner) teamOf.set(lower(stringifyEntityRef(e)), owner);
    }
    await this.store.setTeams(teamOf);
  }

  /** Today's open debt per team and category, for trends. Run daily. */
  async snapshot(takenOn = this.now().toISOString().slice(0, 10)) {
    const rows = (await this.store.aggregate({})).filter(r =>
      OPEN.includes(r.status),
    );
    const sums = new Map<string, { openItems: number; openScore: number }>();
    for (const r of rows) {
      const key = `${r.teamRef ?? 'unowned'}\n${r.category}`;
      const e = sums.get(key) ?? { openItems: 0, openScore: 0 };
      e.openItems += r.items;
      e.openScore += r.score;
      sums.set(key, e);
    }
    await this.store.saveSnapshot(takenOn, snapshotRows(takenOn, sums));
  }
}
