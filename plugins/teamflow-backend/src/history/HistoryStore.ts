import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { OrgSnapshot } from '@teamflow/plugin-teamflow-common';
import { packSnapshot, unpackSnapshot } from './pack';

const migrationsDir = resolvePackagePath(
  '@teamflow/plugin-teamflow-backend',
  'migrations',
);

/** Where snapshots were taken from. */
export type SnapshotSource = 'scheduled' | 'on-demand' | 'demo';

/** One snapshot per day, as JSON; the day's latest replaces the earlier. */
export class HistoryStore {
  // The last few snapshots read, by day and time taken (a retaken day is a
  // new key): comparing two days, or paging the slider, reads them again.
  private readonly recent = new Map<string, OrgSnapshot>();

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
        snapshot: packSnapshot(snapshot),
      })
      .onConflict('taken_on')
      .merge();
  }

  /** The latest snapshot taken on or before `day` (read-only: it is shared). */
  async onOrBefore(day: string): Promise<OrgSnapshot | undefined> {
    const found = await this.db('teamflow_org_snapshots')
      .where('taken_on', '<=', day)
      .orderBy('taken_on', 'desc')
      .first('taken_on', 'taken_at');
    if (!found) return undefined;
    const key = `${found.taken_on}@${found.taken_at}`;
    let snapshot = this.recent.get(key);
    if (snapshot) {
      // Most recently used last: a day compared with many others stays.
      this.recent.delete(key);
      this.recent.set(key, snapshot);
    } else {
      const row = await this.db('teamflow_org_snapshots')
        .where({ taken_on: found.taken_on })
        .first('snapshot', 'taken_at');
      snapshot = unpackSnapshot(row.snapshot);
      // Retaken meanwhile: read again next time rather than keep it.
      if (String(row.taken_at) !== String(found.taken_at)) return snapshot;
      if (this.recent.size >= 4)
        this.recent.delete(this.recent.keys().next().value!);
      this.recent.set(key, snapshot);
    }
    // Shared between callers: read it, never change it.
    return snapshot;
  }

  /** Days with a snapshot, oldest first, with where each came from. */
  async days(): Promise<Array<{ day: string; source: SnapshotSource }>> {
    const rows = await this.db('teamflow_org_snapshots')
      .orderBy('taken_on')
      .select('taken_on', 'source');
    return rows.map(r => ({ day: String(r.taken_on), source: r.source }));
  }

  /**
   * Claims an alert: true the first time `key` is claimed, false after
   * (whichever replica claimed it).
   */
  async claimAlert(key: string, at: number): Promise<boolean> {
    try {
      await this.db('teamflow_alerts_sent').insert({
        alert_key: key,
        sent_at: at,
      });
      return true;
    } catch (e) {
      // The primary key refused it: claimed before.
      const row = await this.db('teamflow_alerts_sent')
        .where('alert_key', key)
        .first('alert_key');
      if (row) return false;
      throw e;
    }
  }

  /** Gives a claim back (the alert could not be sent: try again later). */
  async releaseAlert(key: string) {
    await this.db('teamflow_alerts_sent').where('alert_key', key).delete();
  }

  /** Removes snapshots taken before `day`; returns how many. */
  async prune(day: string): Promise<number> {
    await this.db('teamflow_alerts_sent')
      .where('sent_at', '<', Date.parse(`${day}T00:00:00Z`))
      .delete();
    return this.db('teamflow_org_snapshots')
      .where('taken_on', '<', day)
      .delete();
  }
}
