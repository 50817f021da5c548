import {
  DiscoveryApi,
  FetchApi,
  createApiRef,
} from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  Answers,
  GroupResult,
  GroupScores,
  ResultChange,
  Instrument,
  ReleaseStatus,
  Wave,
} from '@teamflow/plugin-cognitive-load-common';

/**
 * A survey the signed-in person is asked to answer: the wave, its questions, the team they answer
 * for and whether they have.
 *
 * @public
 */
export type MySurvey = {
  wave: Wave;
  instrument: Instrument;
  team: { ref: string; title: string };
  answered: boolean;
  answers?: Answers;
};

/**
 * How many people of each surveyed team have answered a wave, against k (counts only, never
 * answers).
 *
 * @public
 */
export type WaveProgress = {
  wave: Wave;
  k: number;
  teams: Array<{ teamRef: string; responses: number; reachedK: boolean }>;
  belowK: string[];
};

/**
 * One team's results over the closed waves, each shown only when released under the anonymity
 * rules.
 *
 * @public
 */
export type TeamResults = {
  k: number;
  team: { ref: string; title: string; type?: string };
  waves: Array<{
    wave: Wave;
    status: ReleaseStatus;
    scores?: GroupScores;
    change?: ResultChange;
    /** For a team below k: the group whose results include its answers. */
    countedIn?: { ref: string; title: string };
  }>;
};

/** A heatmap line: a group's result and its change since the previous closed wave. @public */
export type HeatmapRow = GroupResult & { change?: ResultChange };

/** Every group's results in a closed wave, with the change since the wave before. @public */
export type Heatmap = {
  k: number;
  waves: Wave[];
  wave?: Wave;
  /** The closed wave changes are measured from. */
  previousWave?: Wave;
  /** What the results cover: surveyed teams, those shown, people counted once. */
  coverage?: { teams: number; teamsWithResults: number; people: number };
  rows: HeatmapRow[];
};

/** The waves the caller can see, and what the caller may do with them. @public */
export type WaveList = {
  waves: Wave[];
  canOpenWaves: boolean;
  /**
   * Whether the caller may open the org heatmap: every wave's with the
   * results permission, else the waves the caller opened (none: false).
   */
  canReadResults: boolean;
  k: number;
};

/**
 * A wave to open: its title, the surveyed teams and when it opens and closes (ISO dates).
 *
 * @public
 */
export type NewWave = {
  title: string;
  teams: string[];
  opensAt: string;
  closesAt: string;
};

/** Client of the cognitive-load backend. @public */
export interface CognitiveLoadApi {
  /** The waves, with the caller's rights to open waves and to read every team's results. */
  listWaves(): Promise<WaveList>;
  /** Opens a wave (needs the wave permission). */
  openWave(wave: NewWave): Promise<Wave>;
  /** Closes an open wave before its end (needs the wave permission). */
  closeWave(id: string): Promise<Wave>;
  /** Responses so far per team of a wave. */
  getProgress(id: string): Promise<WaveProgress>;
  /** The open surveys the signed-in person is asked, one per team they are in. */
  getMySurveys(): Promise<MySurvey[]>;
  /**
   * Saves the signed-in person's answers for a team in an open wave; answering again replaces them.
   */
  answer(
    waveId: string,
    teamRef: string,
    answers: Answers,
  ): Promise<{ saved: 'created' | 'updated' }>;
  /** A team's released results over the closed waves. */
  getTeamResults(teamRef: string): Promise<TeamResults>;
  /** The heatmap of a closed wave (the latest when none is given; needs the results permission). */
  getHeatmap(waveId?: string): Promise<Heatmap>;
}

/** The API reference of the cognitive-load client. @public */
export const cognitiveLoadApiRef = createApiRef<CognitiveLoadApi>({
  id: 'plugin.cognitive-load',
});

const teamPath = (ref: string) => {
  const [, namespace, name] = /^group:([^/]+)\/(.+)$/.exec(ref) ?? [];
  if (!name) throw new Error(`Not a group ref: ${ref}`);
  return `${encodeURIComponent(namespace)}/${encodeURIComponent(name)}`;
};

/** The default {@link CognitiveLoadApi} over `fetchApi` and `discoveryApi`. @public */
export class CognitiveLoadClient implements CognitiveLoadApi {
  constructor(
    private readonly options: {
      discoveryApi: DiscoveryApi;
      fetchApi: FetchApi;
    },
  ) {}

  private async request<T>(
    path: string,
    init?: { method: string; body?: unknown },
  ): Promise<T> {
    const base = await this.options.discoveryApi.getBaseUrl('cognitive-load');
    const response = await this.options.fetchApi.fetch(`${base}${path}`, {
      method: init?.method ?? 'GET',
      headers: init?.body ? { 'Content-Type': 'application/json' } : undefined,
      body: init?.body ? JSON.stringify(init.body) : undefined,
    });
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return (await response.json()) as T;
  }

  /** {@inheritDoc CognitiveLoadApi.listWaves} */
  listWaves() {
    return this.request<WaveList>('/waves');
  }

  /** {@inheritDoc CognitiveLoadApi.openWave} */
  async openWave(wave: NewWave) {
    return (
      await this.request<{ wave: Wave }>('/waves', {
        method: 'POST',
        body: wave,
      })
    ).wave;
  }

  /** {@inheritDoc CognitiveLoadApi.closeWave} */
  async closeWave(id: string) {
    return (
      await this.request<{ wave: Wave }>(
        `/waves/${encodeURIComponent(id)}/close`,
        { method: 'POST' },
      )
    ).wave;
  }

  /** {@inheritDoc CognitiveLoadApi.getProgress} */
  getProgress(id: string) {
    return this.request<WaveProgress>(
      `/waves/${encodeURIComponent(id)}/progress`,
    );
  }

  /** {@inheritDoc CognitiveLoadApi.getMySurveys} */
  async getMySurveys() {
    return (await this.request<{ surveys: MySurvey[] }>('/my/surveys')).surveys;
  }

  /** {@inheritDoc CognitiveLoadApi.answer} */
  answer(waveId: string, teamRef: string, answers: Answers) {
    // The team goes in the body: request logs keep paths and times.
    return this.request<{ saved: 'created' | 'updated' }>(
      `/waves/${encodeURIComponent(waveId)}/response`,
      { method: 'PUT', body: { team: teamRef, answers } },
    );
  }

  /** {@inheritDoc CognitiveLoadApi.getTeamResults} */
  getTeamResults(teamRef: string) {
    return this.request<TeamResults>(`/results/teams/${teamPath(teamRef)}`);
  }

  /** {@inheritDoc CognitiveLoadApi.getHeatmap} */
  getHeatmap(waveId?: string) {
    return this.request<Heatmap>(
      `/results/heatmap${waveId ? `?wave=${encodeURIComponent(waveId)}` : ''}`,
    );
  }
}
