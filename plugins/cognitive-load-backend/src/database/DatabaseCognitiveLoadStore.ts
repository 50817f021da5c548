import { randomBytes } from 'node:crypto';
import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { Answers } from '@teamflow/plugin-cognitive-load-common';
import {
  CognitiveLoadStore,
  Publication,
  StoredResponse,
  StoredWave,
} from './CognitiveLoadStore';

const migrationsDir = resolvePackagePath(
  '@teamflow/plugin-cognitive-load-backend',
  'migrations',
);

type WaveRow = {
  id: string;
  title: string;
  instrument: string;
  opens_at: string;
  closes_at: string;
  closed_early_at: string | null;
  created_by: string;
  created_at: string;
};

/** {@link CognitiveLoadStore} on the plugin's database (SQLite or PostgreSQL). @public */
export class DatabaseCognitiveLoadStore implements CognitiveLoadStore {
  private constructor(private readonly db: Knex) {}

  static async create(options: {
    database: DatabaseService;
    skipMigrations?: boolean;
  }): Promise<DatabaseCognitiveLoadStore> {
    const client = await options.database.getClient();
    if (!options.database.migrations?.skip && !options.skipMigrations) {
      await client.migrate.latest({ directory: migrationsDir });
    }
    return new DatabaseCognitiveLoadStore(client);
  }

  async createWave(wave: Omit<StoredWave, 'teamCount'>): Promise<void> {
    await this.db.transaction(async tx => {
      await tx<WaveRow>('waves').insert({
        id: wave.id,
        title: wave.title,
        instrument: JSON.stringify(wave.instrument),
        opens_at: wave.opensAt,
        closes_at: wave.closesAt,
        closed_early_at: wave.closedEarlyAt ?? null,
        created_by: wave.createdBy,
        created_at: wave.createdAt,
      });
      // Chunks keep SQLite under its bound-variable limit for large waves.
      const rows = wave.teams.map(team_ref => ({ wave_id: wave.id, team_ref }));
      for (let i = 0; i < rows.length; i += 200) {
        await tx('wave_teams').insert(rows.slice(i, i + 200));
      }
    });
  }

  private async withTeams(
    rows: WaveRow[],
    withLists = true,
  ): Promise<StoredWave[]> {
    if (rows.length === 0) return [];
    const ids = rows.map(r => r.id);
    const byWave = new Map<string, string[]>();
    const counts = new Map<string, number>();
    if (withLists) {
      const teams = await this.db('wave_teams')
        .whereIn('wave_id', ids)
        .orderBy('team_ref')
        .select('wave_id', 'team_ref');
      for (const t of teams) {
        const list = byWave.get(t.wave_id);
        if (list) list.push(t.team_ref);
        else byWave.set(t.wave_id, [t.team_ref]);
      }
      for (const [id, list] of byWave) counts.set(id, list.length);
    } else {
      const rowsCounted: Array<{ wave_id: string; n: number | string }> =
        await this.db('wave_teams')
          .whereIn('wave_id', ids)
          .groupBy('wave_id')
          .select('wave_id')
          .count({ n: '*' });
      for (const r of rowsCounted) counts.set(r.wave_id, Number(r.n));
    }
    return rows.map(r => ({
      id: r.id,
      title: r.title,
      instrument: JSON.parse(r.instrument),
      opensAt: r.opens_at,
      closesAt: r.closes_at,
      closedEarlyAt: r.closed_early_at ?? undefined,
      createdBy: r.created_by,
      createdAt: r.created_at,
      teams: byWave.get(r.id) ?? [],
      teamCount: counts.get(r.id) ?? 0,
    }));
  }

  async listWaves(options: { teams?: boolean } = {}): Promise<StoredWave[]> {
    const rows = await this.db<WaveRow>('waves').orderBy([
      { column: 'opens_at', order: 'desc' },
      { column: 'id' },
    ]);
    return this.withTeams(rows, options.teams ?? true);
  }

  async listWavesOf(teamRef: string): Promise<StoredWave[]> {
    const rows = await this.db<WaveRow>('waves')
      .whereIn(
        'id',
        this.db('wave_teams').where({ team_ref: teamRef }).select('wave_id'),
      )
      .orderBy([{ column: 'opens_at', order: 'desc' }, { column: 'id' }]);
    return this.withTeams(rows, false);
  }

  async surveyedAmong(waveId: string, among: string[]): Promise<string[]> {
    const found: string[] = [];
    for (let i = 0; i < among.length; i += 200) {
      const rows = await this.db('wave_teams')
        .where({ wave_id: waveId })
        .whereIn('team_ref', among.slice(i, i + 200))
        .select('team_ref');
      found.push(...rows.map(r => r.team_ref as string));
    }
    return found.sort();
  }

  async getWave(id: string): Promise<StoredWave | undefined> {
    const rows = await this.db<WaveRow>('waves').where({ id });
    return (await this.withTeams(rows))[0];
  }

  async closeWave(id: string, at: string): Promise<void> {
    await this.db<WaveRow>('waves')
      .where({ id })
      .whereNull('closed_early_at')
      .update({ closed_early_at: at });
  }

  async saveResponse(
    response: StoredResponse & { respondentKey: string; legacyKey?: string },
  ): Promise<'created' | 'updated'> {
    const key = {
      wave_id: response.waveId,
      team_ref: response.teamRef,
      respondent_key: response.respondentKey,
    };
    const answers = JSON.stringify(response.answers);
    return this.db.transaction(async tx => {
      let existing = await tx('responses').where(key).first('wave_id');
      if (!existing && response.legacyKey) {
        existing = await tx('responses')
          .where({ ...key, respondent_key: response.legacyKey })
          .delete();
      }
      // An upsert, so two submissions racing each other cannot both insert.
      await tx('responses')
        .insert({ ...key, answers })
        .onConflict(['wave_id', 'team_ref', 'respondent_key'])
        .merge(['answers']);
      return existing ? 'updated' : 'created';
    });
  }

  async getAnswers(
    waveId: string,
    teamRef: string,
    respondentKeys: string[],
  ): Promise<Answers | undefined> {
    const rows = await this.db('responses')
      .where({ wave_id: waveId, team_ref: teamRef })
      .whereIn('respondent_key', respondentKeys)
      .select('respondent_key', 'answers');
    for (const k of respondentKeys) {
      const row = rows.find(r => r.respondent_key === k);
      if (row) return JSON.parse(row.answers);
    }
    return undefined;
  }

  async countResponses(waveId: string): Promise<Map<string, number>> {
    const rows: Array<{ team_ref: string; n: number | string }> = await this.db(
      'responses',
    )
      .where({ wave_id: waveId })
      .groupBy('team_ref')
      .select('team_ref')
      .count({ n: '*' });
    return new Map(rows.map(r => [r.team_ref as string, Number(r.n)]));
  }

  async listResponses(
    waveIds: string[],
    teamRefs?: string[],
  ): Promise<StoredResponse[]> {
    if (waveIds.length === 0 || teamRefs?.length === 0) return [];
    const query = this.db('responses').whereIn('wave_id', waveIds);
    // Few teams: filter in SQL; many (a whole wave): one scan is cheaper.
    if (teamRefs && teamRefs.length <= 200) query.whereIn('team_ref', teamRefs);
    const rows = await query.select('wave_id', 'team_ref', 'answers');
    return rows.map(r => ({
      waveId: r.wave_id,
      teamRef: r.team_ref,
      answers: JSON.parse(r.answers),
    }));
  }

  async refreshPublications(waveId: string, k: number): Promise<string[]> {
    const [live, published] = await Promise.all([
      this.countResponses(waveId),
      this.publishedCounts(this.db, waveId),
    ]);
    const due = (count: number, last?: number) =>
      count >= k && (last === undefined || count >= last + k);
    const candidates = [...live].filter(([team, count]) =>
      due(count, published.get(team)),
    );
    const done: string[] = [];
    for (const [team] of candidates) {
      const publishedNow = await this.db.transaction(async tx => {
        // The publication row is the lock: replicas refreshing the same team
        // at once take turns, and the second finds nothing left to do.
        await tx('publications')
          .insert({ wave_id: waveId, team_ref: team, respondents: -1 })
          .onConflict(['wave_id', 'team_ref'])
          .ignore();
        const lockQuery = tx('publications')
          .where({ wave_id: waveId, team_ref: team })
          .first('respondents');
        if (tx.client.config.client !== 'better-sqlite3') lockQuery.forUpdate();
        const row = await lockQuery;
        const last =
          Number(row.respondents) < 0 ? undefined : Number(row.respondents);
        const rows = await tx('responses')
          .where({ wave_id: waveId, team_ref: team })
          .select('answers');
        if (!due(rows.length, last)) {
          if (last === undefined) {
            await tx('publications')
              .where({ wave_id: waveId, team_ref: team })
              .delete();
          }
          return false;
        }
        await tx('published_responses')
          .where({ wave_id: waveId, team_ref: team })
          .delete();
        // Content order: the copy says nothing about who answered first.
        const answers = rows.map(r => r.answers as string).sort();
        for (let i = 0; i < answers.length; i += 200) {
          await tx('published_responses').insert(
            answers.slice(i, i + 200).map(a => ({
              wave_id: waveId,
              team_ref: team,
              answers: a,
            })),
          );
        }
        await tx('publications')
          .where({ wave_id: waveId, team_ref: team })
          .update({ respondents: answers.length });
        return true;
      });
      if (publishedNow) done.push(team);
    }
    return done;
  }

  private async publishedCounts(db: Knex, waveId: string) {
    const rows = await db('publications')
      .where({ wave_id: waveId })
      .where('respondents', '>=', 0)
      .select('team_ref', 'respondents');
    return new Map<string, number>(
      rows.map(r => [r.team_ref as string, Number(r.respondents)]),
    );
  }

  async listPublications(
    waveId: string,
    teamRefs?: string[],
  ): Promise<Map<string, Publication>> {
    const counts = await this.publishedCounts(this.db, waveId);
    const result = new Map<string, Publication>();
    if (counts.size === 0 || teamRefs?.length === 0) return result;
    const wanted = teamRefs && new Set(teamRefs);
    const query = this.db('published_responses').where({ wave_id: waveId });
    if (teamRefs && teamRefs.length <= 200) query.whereIn('team_ref', teamRefs);
    for (const r of await query.select('team_ref', 'answers')) {
      const respondents = counts.get(r.team_ref);
      if (respondents === undefined) continue;
      if (wanted && !wanted.has(r.team_ref)) continue;
      let p = result.get(r.team_ref);
      if (!p) result.set(r.team_ref, (p = { respondents, answers: [] }));
      p.answers.push(JSON.parse(r.answers));
    }
    return result;
  }

  async listUnsealedClosedWaves(now: string): Promise<string[]> {
    const rows = await this.db<WaveRow>('waves')
      .whereNull('sealed_at')
      .where(q =>
        q.whereNotNull('closed_early_at').orWhere('closes_at', '<=', now),
      )
      .select('id');
    return rows.map(r => r.id);
  }

  async listUnannouncedOpenWaves(now: string): Promise<string[]> {
    const rows = await this.db('waves')
      .whereNull('announced_at')
      .whereNull('closed_early_at')
      .where('opens_at', '<=', now)
      .where('closes_at', '>', now)
      .select('id');
    return rows.map(r => r.id);
  }

  async markAnnounced(waveId: string, at: string): Promise<boolean> {
    const updated = await this.db('waves')
      .where({ id: waveId })
      .whereNull('announced_at')
      .update({ announced_at: at });
    return updated === 1;
  }

  async unmarkAnnounced(waveId: string): Promise<void> {
    await this.db('waves').where({ id: waveId }).update({ announced_at: null });
  }

  async getOrCreateSecret(name: string): Promise<string> {
    await this.db('secrets')
      .insert({ name, value: randomBytes(32).toString('hex') })
      .onConflict('name')
      .ignore();
    return (await this.db('secrets').where({ name }).first('value')).value;
  }

  async getSealedResults(waveId: string): Promise<string | undefined> {
    const row = await this.db('wave_results')
      .where({ wave_id: waveId })
      .first('results');
    return row?.results;
  }

  async sealWave(waveId: string, at: string, results: string): Promise<number> {
    return this.db.transaction(async tx => {
      const rows = await tx('responses')
        .where({ wave_id: waveId })
        .select('team_ref', 'answers');
      await tx('responses').where({ wave_id: waveId }).delete();
      const sealed = rows
        .map(r => ({
          wave_id: waveId,
          team_ref: r.team_ref as string,
          answers: r.answers as string,
          respondent_key: randomBytes(32).toString('hex'),
        }))
        .sort(
          (a, b) =>
            a.team_ref.localeCompare(b.team_ref) ||
            a.answers.localeCompare(b.answers) ||
            a.respondent_key.localeCompare(b.respondent_key),
        );
      for (let i = 0; i < sealed.length; i += 200) {
        await tx('responses').insert(sealed.slice(i, i + 200));
      }
      await tx('wave_results')
        .insert({ wave_id: waveId, results })
        .onConflict('wave_id')
        .merge();
      await tx('waves').where({ id: waveId }).update({ sealed_at: at });
      return sealed.length;
    });
  }
}
