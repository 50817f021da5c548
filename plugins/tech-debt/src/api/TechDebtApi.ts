import {
  DiscoveryApi,
  FetchApi,
  createApiRef,
} from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  DebtItem,
  DebtItemChange,
  DebtItemInput,
  DebtSignal,
} from '@teamflow/plugin-tech-debt-common';

/** An item as the API returns it. @public */
export type DebtItemView = DebtItem & { score: number; quickWin: boolean };

/** Open items, their score and resolved items, by category. @public */
export type CategorySums = Record<
  string,
  { open: number; score: number; resolved: number }
>;

/**
 * A team's or the organisation's debt: totals, by category and status, the top items, quick wins,
 * the trend and resolution by quarter.
 *
 * @public
 */
export type DebtRollup = {
  open: number;
  score: number;
  byCategory: CategorySums;
  byStatus: Record<string, number>;
  top: DebtItemView[];
  quickWins: DebtItemView[];
  trend: Array<{ takenOn: string; openItems: number; openScore: number }>;
  resolution: Array<{
    quarter: string;
    resolved: number;
    open: number;
    share: number;
  }>;
};

/** The organisation's debt, with each team's share. @public */
export type OrgDebtRollup = DebtRollup & {
  byTeam: Array<{
    teamRef: string;
    open: number;
    score: number;
    byCategory: Record<string, number>;
  }>;
};

/** A refused edit: someone changed the item first. @public */
export class DebtConflictError extends Error {
  /** The item as it is now, with the change that came first. */
  readonly current: DebtItemView;

  constructor(current: DebtItemView, message: string) {
    super(message);
    this.current = current;
  }
}

/** Client of the tech-debt backend: the register, its history and roll-ups. @public */
export interface TechDebtApi {
  /** An entity's items and signals, and whether the caller may manage its register. */
  getEntityDebt(entityRef: string): Promise<{
    entityRef: string;
    canManage: boolean;
    items: DebtItemView[];
    signals: DebtSignal[];
  }>;
  /** The items of every entity a team owns. */
  getTeamItems(teamRef: string): Promise<DebtItemView[]>;
  /**
   * Adds an item (needs the manage permission); `signalId` records the signal it was filed from.
   */
  createItem(
    item: Partial<DebtItemInput> & { signalId?: string },
  ): Promise<DebtItemView>;
  /** Rejects with {@link DebtConflictError} when the item moved past `version`. */
  updateItem(
    id: string,
    version: number,
    change: Partial<DebtItemInput> & { note?: string },
  ): Promise<DebtItemView>;
  /** An item and every change made to it, oldest first. */
  getHistory(
    id: string,
  ): Promise<{ item: DebtItemView; history: DebtItemChange[] }>;
  /** A team's debt roll-up. */
  getTeamRollup(teamRef: string): Promise<DebtRollup>;
  /** The organisation's debt roll-up. */
  getOrgRollup(): Promise<OrgDebtRollup>;
}

/** The API reference of the tech-debt client. @public */
export const techDebtApiRef = createApiRef<TechDebtApi>({
  id: 'plugin.tech-debt',
});

/** The default {@link TechDebtApi}. @public */
export class TechDebtClient implements TechDebtApi {
  constructor(
    private readonly options: {
      discoveryApi: DiscoveryApi;
      fetchApi: FetchApi;
    },
  ) {}

  private async call(path: string, init?: { method: string; body: unknown }) {
    const base = await this.options.discoveryApi.getBaseUrl('tech-debt');
    return this.options.fetchApi.fetch(`${base}${path}`, {
      method: init?.method ?? 'GET',
      headers: init ? { 'Content-Type': 'application/json' } : undefined,
      body: init ? JSON.stringify(init.body) : undefined,
    });
  }

  private async json<T>(response: Response): Promise<T> {
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return (await response.json()) as T;
  }

  /** {@inheritDoc TechDebtApi.getEntityDebt} */
  async getEntityDebt(entityRef: string) {
    return this.json<any>(
      await this.call(`/items?entityRef=${encodeURIComponent(entityRef)}`),
    );
  }

  /** {@inheritDoc TechDebtApi.getTeamItems} */
  async getTeamItems(teamRef: string) {
    const response = await this.call(
      `/items?teamRef=${encodeURIComponent(teamRef)}`,
    );
    return (await this.json<{ items: DebtItemView[] }>(response)).items;
  }

  /** {@inheritDoc TechDebtApi.createItem} */
  async createItem(item: Partial<DebtItemInput> & { signalId?: string }) {
    return (
      await this.json<{ item: DebtItemView }>(
        await this.call('/items', { method: 'POST', body: item }),
      )
    ).item;
  }

  /** {@inheritDoc TechDebtApi.updateItem} */
  async updateItem(
    id: string,
    version: number,
    change: Partial<DebtItemInput> & { note?: string },
  ) {
    const response = await this.call(`/items/${encodeURIComponent(id)}`, {
      method: 'PATCH',
      body: { ...change, version },
    });
    if (response.status === 409) {
      const body = await response.json();
      throw new DebtConflictError(body.item, body.error.message);
    }
    return (await this.json<{ item: DebtItemView }>(response)).item;
  }

  /** {@inheritDoc TechDebtApi.getHistory} */
  async getHistory(id: string) {
    return this.json<any>(
      await this.call(`/items/${encodeURIComponent(id)}/history`),
    );
  }

  /** {@inheritDoc TechDebtApi.getTeamRollup} */
  async getTeamRollup(teamRef: string) {
    const [, ns, name] = /^group:([^/]+)\/(.+)$/.exec(teamRef) ?? [];
    return this.json<DebtRollup>(
      await this.call(
        `/rollup/teams/${encodeURIComponent(ns)}/${encodeURIComponent(name)}`,
      ),
    );
  }

  /** {@inheritDoc TechDebtApi.getOrgRollup} */
  async getOrgRollup() {
    return this.json<OrgDebtRollup>(await this.call('/rollup/org'));
  }
}
