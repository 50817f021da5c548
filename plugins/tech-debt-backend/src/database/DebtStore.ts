import {
  DebtItem,
  DebtItemChange,
  DebtSignal,
} from '@teamflow/plugin-tech-debt-common';

/** An item as stored, with the owning team it is counted under. @public */
export type StoredDebtItem = DebtItem & { teamRef?: string; score: number };

/** Aggregated open and resolved items, as roll-ups need them. @public */
export type DebtAggregate = {
  teamRef: string | null;
  entityRef?: string;
  category: string;
  status: string;
  items: number;
  score: number;
};

/** @public */
export type DebtSnapshotRow = {
  takenOn: string;
  teamRef: string;
  category: string;
  openItems: number;
  openScore: number;
};

/** Storage of the debt register, history, signals and snapshots. @public */
export interface DebtStore {
  createItem(item: StoredDebtItem): Promise<void>;
  getItem(id: string): Promise<StoredDebtItem | undefined>;
  listItems(filter: {
    entityRefs?: string[];
    teamRef?: string;
    statuses?: string[];
    limit?: number;
    orderByScore?: boolean;
  }): Promise<StoredDebtItem[]>;
  /**
   * Applies `patch` if the item is still at `expectedVersion`: `updated` with
   * the new item, `conflict` with the current one, or undefined when missing.
   */
  updateItem(
    id: string,
    expectedVersion: number,
    patch: Partial<StoredDebtItem>,
    change: { changedBy: string; changedAt: string; note?: string },
  ): Promise<
    { updated: StoredDebtItem } | { conflict: StoredDebtItem } | undefined
  >;
  history(id: string): Promise<DebtItemChange[]>;
  /** Re-attributes items to their entity's current owning team. */
  setTeams(teamOf: Map<string, string>): Promise<number>;
  aggregate(filter: {
    teamRef?: string;
    byEntity?: boolean;
  }): Promise<DebtAggregate[]>;
  resolvedByMonth(filter: {
    teamRef?: string;
  }): Promise<Array<{ month: string; items: number }>>;
  createdByMonth(filter: {
    teamRef?: string;
  }): Promise<Array<{ month: string; items: number }>>;
  replaceSignals(source: string, signals: DebtSignal[]): Promise<void>;
  listSignals(entityRefs?: string[]): Promise<DebtSignal[]>;
  saveSnapshot(takenOn: string, rows: DebtSnapshotRow[]): Promise<void>;
  listSnapshots(filter: {
    teamRef?: string;
    since: string;
  }): Promise<DebtSnapshotRow[]>;
}
