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

/** @public */
export type MySurvey = {
  wave: Wave;
  instrument: Instrument;
  team: { ref: string; title: string };
  answered: boolean;
  answers?: Answers;
};

/** @public */
export type WaveProgress = {
  wave: Wave;
  k: number;
  teams: Array<{ teamRef: string; responses: number; reachedK: boolean }>;
  belowK: string[];
};

/** @public */
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

/** @public */
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

/** @public */
export type WaveList = {
  waves: Wave[];
  canOpenWaves: boolean;
  /** Whether the caller may read every team's results (the org heatmap). */
  canReadResults: boolean;
  k: number;
};

/** @public */
export type NewWave = {
  title: string;
  teams: string[];
  opensAt: string;
  closesAt: string;
};

/** Client of the cognitive-load backend. @public */
export interface CognitiveLoadApi {
  listWaves(): Promise<WaveList>;
  openWave(wave: NewWave): Promise<Wave>;
  closeWave(id: string): Promise<Wave>;
  getProgress(id: string): Promise<WaveProgress>;
  getMySurveys(): Promise<MySurvey[]>;
  answer(
    waveId: string,
    teamRef: string,
    answers: Answers,
  ): Promise<{ saved: 'created' | 'updated' }>;
  getTeamResults(teamRef: string): Promise<TeamResults>;
  getHeatmap(waveId?: string): Promise<Heatmap>;
}

/** @public */
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

  listWaves() {
    return this.request<WaveList>('/waves');
  }

  async openWave(wave: NewWave) {
    return (
      await this.request<{ wave: Wave }>('/waves', {
        method: 'POST',
        body: wave,
      })
    ).wave;
  }

  async closeWave(id: string) {
    return (
      await this.request<{ wave: Wave }>(
        `/waves/${encodeURIComponent(id)}/close`,
        { method: 'POST' },
      )
    ).wave;
  }

  getProgress(id: string) {
    return this.request<WaveProgress>(
      `/waves/${encodeURIComponent(id)}/progress`,
    );
  }

  async getMySurveys() {
    return (await this.request<{ surveys: MySurvey[] }>('/my/surveys')).surveys;
  }

  answer(waveId: string, teamRef: string, answers: Answers) {
    // The team goes in the body: request logs keep paths and times.
    return this.request<{ saved: 'created' | 'updated' }>(
      `/waves/${encodeURIComponent(waveId)}/response`,
      { method: 'PUT', body: { team: teamRef, answers } },
    );
  }

  getTeamResults(teamRef: string) {
    return this.request<TeamResults>(`/results/teams/${teamPath(teamRef)}`);
  }

  getHeatmap(waveId?: string) {
    return this.request<Heatmap>(
      `/results/heatmap${waveId ? `?wave=${encodeURIComponent(waveId)}` : ''}`,
    );
  }
}
