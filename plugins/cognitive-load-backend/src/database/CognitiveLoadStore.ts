import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { Answers, Instrument } from '@teamflow/plugin-cognitive-load-common';

const migrationsDir = resolvePackagePath(
  '@teamflow/plugin-cognitive-load-backend',
  'migrations',
);

/** A wave as stored. @public */
export type StoredWave = {
  id: string;
  title: string;
  instrument: Instrument;
  opensAt: string;
  closesAt: string;
  closedEarlyAt?: string;
  createdBy: string;
  createdAt: string;
  /** The surveyed teams; empty when listed without them. */
  teams: string[];
  teamCount: number;
};

/** One response as stored: the respondent is only a keyed hash. @public */
export type StoredResponse = {
  waveId: string;
  teamRef: string;
  answers: Answers;
};

/** Storage of waves and responses. @public */
export interface CognitiveLoadStore {
  createWave(wave: Omit<StoredWave, 'teamCount'>): Promise<void>;
  /** All waves, newest first; `teams: false` leaves the team lists out (counts stay). */
  listWaves(options?: { teams?: boolean }): Promise<StoredWave[]>;
  /** Waves that surveyed a team, without team lists. */
  listWavesOf(teamRef: string): Promise<StoredWave[]>;
  /** Which of `among` a wave surveys. */
  surveyedAmong(waveId: string, among: string[]): Promise<string[]>;
  getWave(id: string): Promise<StoredWave | undefined>;
  closeWave(id: string, at: string): Promise<void>;
  /** Creates or replaces one respondent's answers for a wave and team. */
  saveResponse(
    response: StoredResponse & { respondentKey: string },
  ): Promise<'created' | 'updated'>;
  getAnswers(
    waveId: string,
    teamRef: string,
    respondentKey: string,
  ): Promise<Answers | undefined>;
  /** Number of responses per team of a wave. */
  countResponses(waveId: string): Promise<Map<string, number>>;
  /** Responses of the given waves (optionally only some teams), without respondent keys. */
  listResponses(
    waveIds: string[],
    teamRefs?: string[],
  ): Promise<StoredResponse[]>;
}

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
    response: StoredResponse & { respondentKey: string },
  ): Promise<'created' | 'updated'> {
    const key = {
      wave_id: response.waveId,
      team_ref: response.teamRef,
      respondent_key: response.respondentKey,
    };
    const answers = JSON.stringify(response.answers);
    const existing = await this.db('responses').where(key).first('wave_id');
    // An upsert, so two submissions racing each other cannot both insert.
    await this.db('responses')
      .insert({ ...key, answers })
      .onConflict(['wave_id', 'team_ref', 'respondent_key'])
      .merge(['answers']);
    return existing ? 'updated' : 'created';
  }

  async getAnswers(
    waveId: string,
    teamRef: string,
    respondentKey: string,
  ): Promise<Answers | undefined> {
    const row = await this.db('responses')
      .where({
        wave_id: waveId,
        team_ref: teamRef,
        respondent_key: respondentKey,
      })
      .first('answers');
    return row ? JSON.parse(row.answers) : undefined;
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
}
