import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { OrgSnapshot } from '@teamflow/plugin-teamflow-common';

const migrationsDir = resolvePackagePath(
  '@teamflow/plugin-teamflow-backend',
  'migrations',
);

/** Where snapshots were taken from. */
export type SnapshotSource = 'scheduled' | 'on-demand' | 'demo';

/** One snapshot per day, as JSON; the day's latest replaces the earlier. */
export class HistoryStore {
  private constructor(private readonly db: Knex) {}

  static async create(database: DatabaseService) {
    const db = await database.getClient();
    if (!database.migrations?.skip)
      await db.migrate.latest({ directory: migrationsDir });
    return new HistoryStore(db);
  }

  async save(snapshot: OrgSnapshot, takenAt: number, source: SnapshotSource) {
    await this.db('teamflow_org_snapshots')
      .insert({
        taken_on: snapshot.takenOn,
        taken_at: takenAt,
        source,
        snapshot: JSON.stringify(snapshot),
      })
      .onConflict('taken_on')
      .merge();
  }

  /** The latest snapshot taken on or before `day`. */
  async onOrBefore(day: string): Promise<OrgSnapshot | undefined> {
    const row = await this.db('teamflow_org_snapshots')
      .where('taken_on', '<=', day)
      .orderBy('taken_on', 'desc')
      .first('snapshot');
    return row ? (JSON.parse(row.snapshot) as OrgSnapshot) : undefined;
  }

  /** Days with a snapshot, oldest first, with where each came from. */
  async days(): Promise<Array<{ day: string; source: SnapshotSource }>> {
    const rows = await this.db('teamflow_org_snapshots')
      .orderBy('taken_on')
      .select('taken_on', 'source');
    return rows.map(r => ({ day: String(r.taken_on), source: r.source }));
  }

  /** Removes snapshots taken before `day`; returns how many. */
  prune(day: string): Promise<number> {
    return this.db('teamflow_org_snapshots')
      .where('taken_on', '<', day)
      .delete();
  }
}
