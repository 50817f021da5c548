import { Answers, Instrument } from '@teamflow/plugin-cognitive-load-common';

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
  /**
   * Creates or replaces one respondent's answers for a wave and team. A row
   * found under `legacyKey` (the key before keys were per team) is replaced.
   */
  saveResponse(
    response: StoredResponse & { respondentKey: string; legacyKey?: string },
  ): Promise<'created' | 'updated'>;
  /** The answers stored under the first of `respondentKeys` found. */
  getAnswers(
    waveId: string,
    teamRef: string,
    respondentKeys: string[],
  ): Promise<Answers | undefined>;
  /** Number of responses per team of a wave. */
  countResponses(waveId: string): Promise<Map<string, number>>;
  /** Responses of the given waves (optionally only some teams), without respondent keys. */
  listResponses(
    waveIds: string[],
    teamRefs?: string[],
  ): Promise<StoredResponse[]>;
  /**
   * Publishes the current answers of every team of an open wave that has at
   * least `k` people and at least `k` more than its last publication; returns
   * the teams published. Safe to run from several replicas at once.
   */
  refreshPublications(waveId: string, k: number): Promise<string[]>;
  /** Each team's last publication: how many people and their answers. */
  listPublications(
    waveId: string,
    teamRefs?: string[],
  ): Promise<Map<string, Publication>>;
  /** Closed waves whose responses still carry respondent keys. */
  listUnsealedClosedWaves(now: string): Promise<string[]>;
  /**
   * Replaces every respondent key of a closed wave by a random one and
   * rewrites the rows in content order, so nothing links a row to a person
   * or to the moment it was given; keeps `results` (serialised) as the
   * wave's results from then on.
   */
  sealWave(waveId: string, at: string, results: string): Promise<number>;
  /** A sealed wave's results as kept by `sealWave`. */
  getSealedResults(waveId: string): Promise<string | undefined>;
  /** A random secret made once and kept (replicas agree on the first one). */
  getOrCreateSecret(name: string): Promise<string>;
  /** Ids of waves open at `now` whose teams were not told yet. */
  listUnannouncedOpenWaves(now: string): Promise<string[]>;
  /** Claims a wave's announcement: true for the first claim only. */
  markAnnounced(waveId: string, at: string): Promise<boolean>;
  /** Gives the claim back (the announcement could not be sent). */
  unmarkAnnounced(waveId: string): Promise<void>;
}

/** A team's answers as last published while its wave was open. @public */
export type Publication = { respondents: number; answers: Answers[] };
