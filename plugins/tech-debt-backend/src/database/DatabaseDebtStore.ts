import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import {
  DebtItemChange,
  DebtSignal,
  debtScore,
} from '@teamflow/plugin-tech-debt-common';
import { DebtSnapshotRow, DebtStore, StoredDebtItem } from './DebtStore';

const migrationsDir = resolvePackagePath(
  '@teamflow/plugin-tech-debt-backend',
  'migrations',
);

type ItemRow = {
  id: string;
  entity_ref: string;
  team_ref: string | null;
  title: string;
  description: string | null;
  category: string;
  impact: number;
  effort: string;
  interest_hours_per_month: number;
  status: string;
  score: number;
  links: string;
  author: string;
  version: number;
  signal_id: string | null;
  created_at: string;
  updated_at: string;
  resolved_at: string | null;
  open: boolean | number;
  created_month: string;
  resolved_month: string | null;
};

const toRow = (i: StoredDebtItem): ItemRow => ({
  id: i.id,
  entity_ref: i.entityRef,
  team_ref: i.teamRef ?? null,
  title: i.title,
  description: i.description ?? null,
  category: i.category,
  impact: i.impact,
  effort: i.effort,
  interest_hours_per_month: i.interestHoursPerMonth,
  status: i.status,
  score: debtScore(i),
  links: JSON.stringify(i.links),
  author: i.author,
  version: i.version,
  signal_id: i.signalId ?? null,
  created_at: i.createdAt,
  updated_at: i.updatedAt,
  resolved_at: i.resolvedAt ?? null,
  open: i.status !== 'resolved',
  created_month: i.createdAt.slice(0, 7),
  resolved_month: i.resolvedAt ? i.resolvedAt.slice(0, 7) : null,
});

const fromRow = (r: ItemRow): StoredDebtItem => ({
  id: r.id,
  entityRef: r.entity_ref,
  teamRef: r.team_ref ?? undefined,
  title: r.title,
  description: r.description ?? undefined,
  category: r.category as StoredDebtItem['category'],
  impact: Number(r.impact),
  effort: r.effort as StoredDebtItem['effort'],
  interestHoursPerMonth: Number(r.interest_hours_per_month),
  status: r.status as StoredDebtItem['status'],
  score: Number(r.score),
  links: JSON.parse(r.links),
  author: r.author,
  version: Number(r.version),
  signalId: r.signal_id ?? undefined,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  resolvedAt: r.resolved_at ?? undefined,
});

const FIELD_COLUMNS: Record<string, keyof ItemRow> = {
  title: 'title',
  description: 'description',
  category: 'category',
  impact: 'impact',
  effort: 'effort',
  interestHoursPerMonth: 'interest_hours_per_month',
  status: 'status',
  links: 'links',
  resolvedAt: 'resolved_at',
  teamRef: 'team_ref',
};

/** {@link DebtStore} on the plugin's database (SQLite or PostgreSQL). @public */
export class DatabaseDebtStore implements DebtStore {
  private constructor(private readonly db: Knex) {}

  static async create(options: {
    database: DatabaseService;
    skipMigrations?: boolean;
  }) {
    const client = await options.database.getClient();
    if (!options.database.migrations?.skip && !options.skipMigrations) {
      await client.migrate.latest({ directory: migrationsDir });
    }
    return new DatabaseDebtStore(client);
  }

  async createItem(item: StoredDebtItem) {
    const row = toRow(item);
    await this.db.transaction(async tx => {
      await tx('debt_items').insert(row);
      const { version, ...fields } = item;
      await tx('debt_item_history').insert({
        item_id: item.id,
        version,
        changed_by: item.author,
        changed_at: item.createdAt,
        changes: JSON.stringify(
          Object.fromEntries(
            Object.entries(fields)
              .filter(([k]) => k in FIELD_COLUMNS || k === 'entityRef')
              .map(([k, v]) => [k, [null, v]]),
          ),
        ),
      });
    });
  }

  async getItem(id: string) {
    const row = await this.db<ItemRow>('debt_items').where({ id }).first();
    return row ? fromRow(row) : undefined;
  }

  async listItems(filter: {
    entityRefs?: string[];
    teamRef?: string;
    statuses?: string[];
    limit?: number;
    orderByScore?: boolean;
  }) {
    const q = this.db<ItemRow>('debt_items');
    if (filter.entityRefs) q.whereIn('entity_ref', filter.entityRefs);
    if (filter.teamRef) q.where('team_ref', filter.teamRef);
    if (filter.statuses) q.whereIn('status', filter.statuses);
    if (filter.orderByScore)
      q.orderBy([{ column: 'score', order: 'desc' }, { column: 'id' }]);
    else q.orderBy([{ column: 'created_at', order: 'desc' }, { column: 'id' }]);
    if (filter.limit) q.limit(filter.limit);
    return (await q).map(fromRow);
  }

  async updateItem(
    id: string,
    expectedVersion: number,
    patch: Partial<StoredDebtItem>,
    change: { changedBy: string; changedAt: string; note?: string },
  ) {
    return this.db.transaction(async tx => {
      const row = await tx<ItemRow>('debt_items').where({ id }).first();
      if (!row) return undefined;
      const current = fromRow(row);
      if (current.version !== expectedVersion) return { conflict: current };
      const next: StoredDebtItem = {
        ...current,
        ...patch,
        version: current.version + 1,
        updatedAt: change.changedAt,
      };
      const nextRow = toRow(next);
      const changes: Record<string, [unknown, unknown]> = {};
      for (const field of Object.keys(FIELD_COLUMNS)) {
        if (field === 'teamRef') continue;
        const before = (current as any)[field];
        const after = (next as any)[field];
        if (JSON.stringify(before) !== JSON.stringify(after)) {
          changes[field] = [before ?? null, after ?? null];
        }
      }
      // The version in the WHERE clause makes a concurrent writer lose, not overwrite.
      const { id: _id, ...columns } = nextRow;
      const updated = await tx('debt_items')
        .where({ id, version: expectedVersion })
        .update(columns);
      if (updated === 0) {
        const now = await tx<ItemRow>('debt_items').where({ id }).first();
        return { conflict: fromRow(now!) };
      }
      await tx('debt_item_history').insert({
        item_id: id,
        version: next.version,
        changed_by: change.changedBy,
        changed_at: change.changedAt,
        changes: JSON.stringify(changes),
        note: change.note ?? null,
      });
      return { updated: next };
    });
  }

  async history(id: string): Promise<DebtItemChange[]> {
    const rows = await this.db('debt_item_history')
      .where({ item_id: id })
      .orderBy('version');
    return rows.map(r => ({
      version: Number(r.version),
      changedBy: r.changed_by,
      changedAt: r.changed_at,
      changes: JSON.parse(r.changes),
      ...(r.note ? { note: r.note } : {}),
    }));
  }

  async setTeams(teamOf: Map<string, string>) {
    const rows = await this.db('debt_items')
      .distinct('entity_ref', 'team_ref')
      .select();
    let changed = 0;
    for (const r of rows) {
      const team = teamOf.get(r.entity_ref) ?? null;
      if (team !== r.team_ref) {
        changed += await this.db('debt_items')
          .where({ entity_ref: r.entity_ref })
          .update({ team_ref: team });
      }
    }
    return changed;
  }

  async aggregate(filter: { teamRef?: string; byEntity?: boolean }) {
    const columns = [
      'team_ref',
      'category',
      'status',
      ...(filter.byEntity ? ['entity_ref'] : []),
    ];
    const q = this.db('debt_items')
      .select(columns)
      .count({ items: '*' })
      .sum({ score: 'score' })
      .groupBy(columns);
    if (filter.teamRef) q.where('team_ref', filter.teamRef);
    const rows = await q;
    return rows.map((r: any) => ({
      teamRef: r.team_ref,
      entityRef: r.entity_ref,
      category: r.category,
      status: r.status,
      items: Number(r.items),
      score: Number(r.score),
    }));
  }

  private byMonth(column: 'resolved_month' | 'created_month') {
    return async (filter: { teamRef?: string }) => {
      const q = this.db('debt_items')
        .whereNotNull(column)
        .select({ month: column })
        .count({ items: '*' })
        .groupBy(column)
        .orderBy(column);
      if (filter.teamRef) q.where('team_ref', filter.teamRef);
      return (await q).map((r: any) => ({
        month: r.month,
        items: Number(r.items),
      }));
    };
  }

  resolvedByMonth = this.byMonth('resolved_month');
  createdByMonth = this.byMonth('created_month');

  async replaceSignals(source: string, signals: DebtSignal[]) {
    await this.db.transaction(async tx => {
      await tx('debt_signals').where({ source }).delete();
      const rows = signals.map(s => ({
        id: s.id,
        entity_ref: s.entityRef,
        source: s.source,
        kind: s.kind,
        title: s.title.slice(0, 300),
        details: JSON.stringify(s.details),
        measured_at: s.measuredAt,
      }));
      for (let i = 0; i < rows.length; i += 100) {
        await tx('debt_signals').insert(rows.slice(i, i + 100));
      }
    });
  }

  async listSignals(entityRefs?: string[]) {
    const q = this.db('debt_signals').orderBy([
      'entity_ref',
      'source',
      'kind',
      'id',
    ]);
    if (entityRefs) q.whereIn('entity_ref', entityRefs);
    return (await q).map((r: any) => ({
      id: r.id,
      entityRef: r.entity_ref,
      source: r.source,
      kind: r.kind,
      title: r.title,
      details: JSON.parse(r.details),
      measuredAt: r.measured_at,
    }));
  }

  async saveSnapshot(takenOn: string, rows: DebtSnapshotRow[]) {
    await this.db.transaction(async tx => {
      await tx('debt_snapshots').where({ taken_on: takenOn }).delete();
      const values = rows.map(r => ({
        taken_on: takenOn,
        team_ref: r.teamRef,
        category: r.category,
        open_items: r.openItems,
        open_score: r.openScore,
      }));
      for (let i = 0; i < values.length; i += 100) {
        await tx('debt_snapshots').insert(values.slice(i, i + 100));
      }
    });
  }

  async listSnapshots(filter: { teamRef?: string; since: string }) {
    const q = this.db('debt_snapshots')
      .where('taken_on', '>=', filter.since)
      .orderBy(['taken_on', 'team_ref', 'category']);
    if (filter.teamRef) q.where('team_ref', filter.teamRef);
    return (await q).map((r: any) => ({
      takenOn: r.taken_on,
      teamRef: r.team_ref,
      category: r.category,
      openItems: Number(r.open_items),
      openScore: Number(r.open_score),
    }));
  }
}
