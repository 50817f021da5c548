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
  teams: string[];
};

/** One response as stored: the respondent is only a keyed hash. @public */
export type StoredResponse = {
  waveId: string;
  teamRef: string;
  answers: Answers;
};

/** Storage of waves and responses. @public */
export interface CognitiveLoadStore {
  createWave(wave: StoredWave): Promise<void>;
  listWaves(): Promise<StoredWave[]>;
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
  /** Every response of the given waves, without respondent keys. */
  listResponses(waveIds: string[]): Promise<StoredResponse[]>;
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

  async createWave(wave: StoredWave): Promise<void> {
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

  private async withTeams(rows: WaveRow[]): Promise<StoredWave[]> {
    if (rows.length === 0) return [];
    const teams = await this.db('wave_teams')
      .whereIn(
        'wave_id',
        rows.map(r => r.id),
      )
      .orderBy('team_ref')
      .select('wave_id', 'team_ref');
    const byWave = new Map<string, string[]>();
    for (const t of teams) {
      byWave.set(t.wave_id, [...(byWave.get(t.wave_id) ?? []), t.team_ref]);
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
    }));
  }

  async listWaves(): Promise<StoredWave[]> {
    const rows = await this.db<WaveRow>('waves').orderBy([
      { column: 'opens_at', order: 'desc' },
      { column: 'id' },
    ]);
    return this.withTeams(rows);
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

  async listResponses(waveIds: string[]): Promise<StoredResponse[]> {
    if (waveIds.length === 0) return [];
    const rows = await this.db('responses')
      .whereIn('wave_id', waveIds)
      .select('wave_id', 'team_ref', 'answers');
    return rows.map(r => ({
      waveId: r.wave_id,
      teamRef: r.team_ref,
      answers: JSON.parse(r.answers),
    }));
  }
}
