import { createHmac, randomUUID } from 'node:crypto';
import {
  AuthService,
  BackstageCredentials,
  LoggerService,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  Answers,
  GroupScores,
  Instrument,
  ReleaseStatus,
  Wave,
  cognitiveLoadResultsReadPermission,
  cognitiveLoadWaveCreatePermission,
  RespondentScores,
  scoreRespondent,
  validateAnswers,
} from '@teamflow/plugin-cognitive-load-common';
import { CognitiveLoadStore, StoredWave } from '../database/CognitiveLoadStore';
import { SurveyConfig } from './config';
import { legacyRespondentKey, respondentKey } from './respondentKey';
import {
  OrgModel,
  OrgModelService,
  lowerRef,
  orgModelFromCatalog,
} from '@teamflow/plugin-teamflow-node';
import {
  GroupResult,
  OrgGroup,
  ResultChange,
  WaveResults,
  changeBetween,
  computeWaveResults,
} from './waveResults';

const lower = lowerRef;

const summary = (w: StoredWave, now: string): Wave => ({
  id: w.id,
  title: w.title,
  instrumentId: w.instrument.id,
  instrumentVersion: w.instrument.version,
  opensAt: w.opensAt,
  closesAt: w.closesAt,
  closedEarlyAt: w.closedEarlyAt,
  status: waveStatus(w, now),
  createdBy: w.createdBy,
  teamCount: w.teamCount,
  teams: w.teams,
});

/** A wave referred to from results: without its (possibly long) list of teams. */
const brief = (w: StoredWave, now: string): Wave => {
  const { teams, ...rest } = summary(w, now);
  return rest;
};

const serialiseResults = (r: WaveResults) =>
  JSON.stringify({ people: r.people, groups: [...r.groups.values()] });

const parseResults = (text: string): WaveResults => {
  const { people, groups } = JSON.parse(text) as {
    people: number;
    groups: GroupResult[];
  };
  return { people, groups: new Map(groups.map(g => [g.ref, g])) };
};

/** @public */
export function waveStatus(w: StoredWave, now: string): Wave['status'] {
  if (now < w.opensAt) return 'scheduled';
  if (w.closedEarlyAt || now >= w.closesAt) return 'closed';
  return 'open';
}

/**
 * Cognitive-load surveys: waves, answering, and results that never reveal a
 * group of fewer than k respondents (see `decideRelease`).
 *
 * @public
 */
export class SurveyService {
  private readonly groupMaps = new WeakMap<OrgModel, Map<string, OrgGroup>>();
  // Results of closed waves, which can no longer change, for as long as the
  // catalog's group hierarchy they were computed with is current.
  private readonly closedResults = new Map<
    string,
    { org: Map<string, OrgGroup>; results: WaveResults }
  >();
  // Results of sealed waves, kept in the database and never recomputed.
  private readonly sealedResults = new Map<string, WaveResults>();

  private constructor(
    private readonly store: CognitiveLoadStore,
    private readonly auth: AuthService,
    private readonly userInfo: UserInfoService,
    private readonly permissions: PermissionsService,
    private readonly config: SurveyConfig & { secret: string },
    private readonly logger: LoggerService,
    private readonly now: () => Date,
    private readonly org: OrgModelService,
  ) {}

  static create(options: {
    store: CognitiveLoadStore;
    catalog: CatalogService;
    /** The shared organisation model (default: one over `catalog`). */
    org?: OrgModelService;
    auth: AuthService;
    userInfo: UserInfoService;
    permissions: PermissionsService;
    config: SurveyConfig & { secret: string };
    logger: LoggerService;
    now?: () => Date;
  }) {
    return new SurveyService(
      options.store,
      options.auth,
      options.userInfo,
      options.permissions,
      options.config,
      options.logger,
      options.now ?? (() => new Date()),
      options.org ??
        orgModelFromCatalog({ catalog: options.catalog, auth: options.auth }),
    );
  }

  get k() {
    return this.config.k;
  }

  private nowIso() {
    return this.now().toISOString();
  }

  /**
   * Groups of the catalog as the survey needs them, from the organisation
   * model every Teamflow plugin shares (one map per model, so results
   * cached against a model stay valid while it does).
   */
  async groups(): Promise<Map<string, OrgGroup>> {
    const model = await this.org.current();
    let groups = this.groupMaps.get(model);
    if (!groups) {
      groups = new Map(
        [...model.groups.values()].map(g => [
          g.ref,
          {
            ref: g.ref,
            title: g.title,
            type: g.teamType,
            parentRef: g.parent,
            members: g.members,
          },
        ]),
      );
      this.groupMaps.set(model, groups);
    }
    return groups;
  }

  private async user(credentials: BackstageCredentials) {
    if (!this.auth.isPrincipal(credentials, 'user')) {
      throw new NotAllowedError('Only signed-in users can do this');
    }
    const info = await this.userInfo.getUserInfo(credentials);
    return {
      userRef: lower(info.userEntityRef),
      groups: new Set(info.ownershipEntityRefs.map(lower)),
    };
  }

  private async allowed(
    credentials: BackstageCredentials,
    permission:
      | typeof cognitiveLoadWaveCreatePermission
      | typeof cognitiveLoadResultsReadPermission,
  ) {
    const [decision] = await this.permissions.authorize([{ permission }], {
      credentials,
    });
    return decision.result === AuthorizeResult.ALLOW;
  }

  /** Members of platform and enabling teams, and holders of the wave permission. */
  async canOpenWaves(credentials: BackstageCredentials): Promise<boolean> {
    if (!this.auth.isPrincipal(credentials, 'user')) return false;
    const { groups } = await this.user(credentials);
    const org = await this.groups();
    const runsSurveys = [...groups].some(g =>
      ['platform', 'enabling'].includes(org.get(g)?.type ?? ''),
    );
    return (
      runsSurveys ||
      (await this.allowed(credentials, cognitiveLoadWaveCreatePermission))
    );
  }

  async listWaves(credentials: BackstageCredentials) {
    const now = this.nowIso();
    const waves = await this.store.listWaves();
    return {
      waves: waves.map(w => summary(w, now)),
      canOpenWaves: await this.canOpenWaves(credentials),
      canReadResults: await this.allowed(
        credentials,
        cognitiveLoadResultsReadPermission,
      ),
      k: this.k,
    };
  }

  instruments() {
    return {
      instruments: this.config.instruments,
      defaultInstrument: {
        id: this.config.defaultInstrument.id,
        version: this.config.defaultInstrument.version,
      },
    };
  }

  async openWave(
    credentials: BackstageCredentials,
    input: {
      title: string;
      teams: string[];
      opensAt: string;
      closesAt: string;
      instrument?: { id: string; version?: number };
    },
  ): Promise<Wave> {
    if (!(await this.canOpenWaves(credentials))) {
      throw new NotAllowedError(
        'Only members of platform or enabling teams, or people with the cognitive-load.wave.create permission, can open waves',
      );
    }
    const { userRef } = await this.user(credentials);
    const org = await this.groups();
    const teams = [...new Set(input.teams.map(lower))].sort();
    const unknown = teams.filter(t => !org.get(t)?.type);
    if (unknown.length) {
      throw new InputError(
        `teams: not team Groups in the catalog: ${unknown.join(', ')}`,
      );
    }
    if (input.closesAt <= input.opensAt) {
      throw new InputError('closesAt must be after opensAt');
    }
    const now = this.nowIso();
    if (input.closesAt <= now) {
      throw new InputError('closesAt must be in the future');
    }
    let instrument = this.config.defaultInstrument;
    if (input.instrument) {
      const matching = this.config.instruments
        .filter(
          i =>
            i.id === input.instrument!.id &&
            (input.instrument!.version === undefined ||
              i.version === input.instrument!.version),
        )
        .sort((a, b) => b.version - a.version);
      if (!matching.length) {
        throw new InputError(
          `instrument: no instrument ${input.instrument.id}${
            input.instrument.version
              ? ` version ${input.instrument.version}`
              : ''
          }`,
        );
      }
      instrument = matching[0];
    }
    const wave: StoredWave = {
      teamCount: 0,
      id: randomUUID(),
      title: input.title.trim(),
      instrument,
      opensAt: input.opensAt,
      closesAt: input.closesAt,
      createdBy: userRef,
      createdAt: now,
      teams,
    };
    wave.teamCount = teams.length;
    await this.store.createWave(wave);
    this.logger.info(
      `Wave '${wave.title}' (${wave.id}) opened by ${userRef} for ${teams.length} teams`,
    );
    return summary(wave, now);
  }

  private async wave(id: string) {
    const wave = await this.store.getWave(id);
    if (!wave) throw new NotFoundError(`No wave ${id}`);
    return wave;
  }

  private async mayManage(credentials: BackstageCredentials, wave: StoredWave) {
    const { userRef } = await this.user(credentials);
    return (
      wave.createdBy === userRef ||
      (await this.allowed(credentials, cognitiveLoadWaveCreatePermission))
    );
  }

  async closeWave(credentials: BackstageCredentials, id: string) {
    const wave = await this.wave(id);
    if (!(await this.mayManage(credentials, wave))) {
      throw new NotAllowedError('Only the wave owner or an admin can close it');
    }
    const now = this.nowIso();
    if (waveStatus(wave, now) === 'closed') {
      throw new ConflictError(`Wave ${id} is already closed`);
    }
    await this.store.closeWave(id, now);
    return summary({ ...wave, closedEarlyAt: now }, now);
  }

  /** Response counts per team, for the wave owner: counts only, never who. */
  async progress(credentials: BackstageCredentials, id: string) {
    const wave = await this.wave(id);
    if (!(await this.mayManage(credentials, wave))) {
      throw new NotAllowedError(
        "Only the wave owner or an admin can see a wave's progress",
      );
    }
    const counts = await this.store.countResponses(id);
    const teams = wave.teams.map(teamRef => ({
      teamRef,
      responses: counts.get(teamRef) ?? 0,
      reachedK: (counts.get(teamRef) ?? 0) >= this.k,
    }));
    return {
      wave: summary(wave, this.nowIso()),
      k: this.k,
      teams,
      belowK: teams.filter(t => !t.reachedK).map(t => t.teamRef),
    };
  }

  /** Open waves for the caller's teams, with their own answers if they gave some. */
  async mySurveys(credentials: BackstageCredentials) {
    const { userRef, groups } = await this.user(credentials);
    const now = this.nowIso();
    const org = await this.groups();
    // Open waves without their (possibly thousands of) teams; then only
    // whether they survey one of the caller's groups. Team pages ask this.
    const waves = (await this.store.listWaves({ teams: false })).filter(
      w => waveStatus(w, now) === 'open',
    );
    const surveys = [];
    for (const wave of waves) {
      for (const teamRef of await this.store.surveyedAmong(wave.id, [
        ...groups,
      ])) {
        const answers = await this.store.getAnswers(
          wave.id,
          teamRef,
          this.keysOf(wave.id, teamRef, userRef),
        );
        surveys.push({
          wave: brief(wave, now),
          instrument: wave.instrument,
          team: { ref: teamRef, title: org.get(teamRef)?.title ?? teamRef },
          answered: !!answers,
          answers,
        });
      }
    }
    return { surveys };
  }

  async answer(
    credentials: BackstageCredentials,
    waveId: string,
    teamRef: string,
    answers: unknown,
  ) {
    const { userRef, groups } = await this.user(credentials);
    const wave = await this.wave(waveId);
    const team = lower(teamRef);
    if (!wave.teams.includes(team)) {
      throw new NotFoundError(`Wave ${waveId} does not survey ${team}`);
    }
    if (!groups.has(team)) {
      throw new NotAllowedError(`You are not a member of ${team}`);
    }
    const status = waveStatus(wave, this.nowIso());
    if (status !== 'open') {
      throw new ConflictError(
        status === 'closed'
          ? `Wave ${waveId} is closed; answers can no longer be given or changed`
          : `Wave ${waveId} opens at ${wave.opensAt}`,
      );
    }
    const problems = validateAnswers(wave.instrument, answers);
    if (problems.length) {
      throw new InputError(
        problems.map(p => `${p.field} ${p.message}`).join('; '),
      );
    }
    const [key, legacyKey] = this.keysOf(waveId, team, userRef);
    const result = await this.store.saveResponse({
      waveId,
      teamRef: team,
      respondentKey: key,
      legacyKey,
      answers: answers as Answers,
    });
    return { saved: result };
  }

  /** The caller's key for a wave and team, then the key before keys were per team. */
  private keysOf(waveId: string, teamRef: string, userRef: string) {
    return [
      respondentKey(this.config.secret, waveId, teamRef, userRef),
      legacyRespondentKey(this.config.secret, waveId, userRef),
    ];
  }

  /**
   * Seals every closed wave not sealed yet: respondent keys replaced by
   * random ones (see `sealWave`). Run by a scheduled task.
   */
  async sealClosedWaves(): Promise<number> {
    const now = this.nowIso();
    let sealed = 0;
    for (const id of await this.store.listUnsealedClosedWaves(now)) {
      const wave = (await this.store.getWave(id))!;
      // The results as they stand at the close, with today's organisation,
      // are the wave's results for good (see `wave_results`).
      const results = await this.computeResults(wave);
      await this.store.sealWave(id, now, serialiseResults(results));
      this.sealedResults.set(id, results);
      sealed += 1;
    }
    return sealed;
  }

  /**
   * Release decisions and scores of one wave for every team it surveyed and
   * every group above them (or only `only`).
   *
   * The answers behind a team's results: while the wave is open, its last
   * publication, refreshed only once k more people have answered (so
   * nobody's change of answer, and no single new answer, shows); once
   * closed, every answer, unless results were published while it was open
   * and fewer than k answered after that — then the last publication stays,
   * for the same reason.
   */
  private async waveResults(
    wave: StoredWave,
    options: { only?: string } = {},
  ): Promise<WaveResults> {
    if (waveStatus(wave, this.nowIso()) === 'closed') {
      const sealed = await this.sealedWaveResults(wave.id);
      if (sealed) return sealed;
    }
    return this.computeResults(wave, options);
  }

  /** A sealed wave's kept results (parsed once, a few kept in memory). */
  private async sealedWaveResults(
    waveId: string,
  ): Promise<WaveResults | undefined> {
    const known = this.sealedResults.get(waveId);
    if (known) return known;
    const stored = await this.store.getSealedResults(waveId);
    if (!stored) return undefined;
    const results = parseResults(stored);
    if (this.sealedResults.size >= 16) {
      this.sealedResults.delete(this.sealedResults.keys().next().value!);
    }
    this.sealedResults.set(waveId, results);
    return results;
  }

  /** Results computed from the answers (waves not sealed yet). */
  private async computeResults(
    wave: StoredWave,
    options: { only?: string } = {},
  ): Promise<WaveResults> {
    const org = await this.groups();
    const open = waveStatus(wave, this.nowIso()) === 'open';
    const cached = this.closedResults.get(wave.id);
    if (!open && cached?.org === org) return cached.results;
    // One group's result depends only on the surveyed teams inside it.
    const teams = options.only
      ? await this.store.surveyedAmong(
          wave.id,
          this.descendants(org, options.only),
        )
      : wave.teams;
    if (open) await this.store.refreshPublications(wave.id, this.k);
    const [liveCounts, publications] = await Promise.all([
      this.store.countResponses(wave.id),
      this.store.listPublications(wave.id, teams),
    ]);
    const score = (answers: Answers[]) =>
      answers.map(a => scoreRespondent(wave.instrument, a));
    const sets = new Map<string, RespondentScores[]>();
    for (const [team, p] of publications) sets.set(team, score(p.answers));
    if (!open) {
      const everything = teams.filter(t => {
        const p = publications.get(t);
        return !p || (liveCounts.get(t) ?? 0) >= p.respondents + this.k;
      });
      const fromLive = new Set(everything);
      const live = new Map<string, Answers[]>();
      if (everything.length) {
        for (const r of await this.store.listResponses(
          [wave.id],
          everything.length === wave.teams.length ? undefined : everything,
        )) {
          if (!fromLive.has(r.teamRef)) continue;
          const list = live.get(r.teamRef);
          if (list) list.push(r.answers);
          else live.set(r.teamRef, [r.answers]);
        }
      }
      for (const [team, answers] of live) sets.set(team, score(answers));
    }
    const dp = this.config.differentialPrivacy;
    const results = computeWaveResults({
      teams,
      org,
      k: this.k,
      sets,
      liveCounts,
      open,
      only: options.only,
      privacy: dp && {
        epsilon: dp.epsilon,
        // A keyed draw per wave, group and measure: the same on every read.
        uniform: key => {
          const h = createHmac('sha256', this.config.secret)
            .update(`dp\n${wave.id}\n${key}`)
            .digest();
          return (h.readUIntBE(0, 6) + 0.5) / 2 ** 48;
        },
      },
    });
    if (!open && !options.only) {
      if (this.closedResults.size >= 16) {
        this.closedResults.delete(this.closedResults.keys().next().value!);
      }
      this.closedResults.set(wave.id, { org, results });
    }
    return results;
  }

  /** A group and every group below it in the catalog hierarchy. */
  private descendants(org: Map<string, OrgGroup>, ref: string): string[] {
    const children = new Map<string, string[]>();
    for (const g of org.values()) {
      if (!g.parentRef) continue;
      const list = children.get(g.parentRef);
      if (list) list.push(g.ref);
      else children.set(g.parentRef, [g.ref]);
    }
    const found = new Set<string>();
    const walk = (r: string) => {
      if (found.has(r)) return;
      found.add(r);
      for (const c of children.get(r) ?? []) walk(c);
    };
    walk(ref);
    return [...found];
  }

  private visibleWaves(waves: StoredWave[]) {
    const now = this.nowIso();
    return waves.filter(w => {
      const status = waveStatus(w, now);
      return (
        status === 'closed' ||
        (status === 'open' && this.config.showOpenWaveResults)
      );
    });
  }

  /** A team's results across waves (oldest first), with changes where both waves meet k. */
  async teamResults(credentials: BackstageCredentials, teamRef: string) {
    const team = lower(teamRef);
    const org = await this.groups();
    if (!org.get(team)?.type) {
      throw new NotFoundError(`No team ${team} in the catalog`);
    }
    const readsAll = await this.allowed(
      credentials,
      cognitiveLoadResultsReadPermission,
    );
    if (!readsAll) {
      const groups = this.auth.isPrincipal(credentials, 'user')
        ? (await this.user(credentials)).groups
        : new Set<string>();
      if (!groups.has(team)) {
        throw new NotAllowedError(
          `Results of ${team} are for its members and people with the cognitive-load.results.read permission`,
        );
      }
    }
    const now = this.nowIso();
    const waves = this.visibleWaves(await this.store.listWavesOf(team)).sort(
      (a, b) => a.opensAt.localeCompare(b.opensAt),
    );
    const lines: Array<{
      wave: Wave;
      status: ReleaseStatus;
      scores?: GroupScores;
      change?: ResultChange;
      countedIn?: GroupResult['countedIn'];
    }> = [];
    let previous: { wave: StoredWave; scores?: GroupScores } | undefined;
    for (const wave of waves) {
      let result = (await this.waveResults(wave, { only: team })).groups.get(
        team,
      )!;
      // Where a team's answers are counted depends on the whole wave: only
      // asked for the (few) teams below k, and cached once the wave closed.
      if (
        result.status === 'not-enough-responses' &&
        waveStatus(wave, now) === 'closed'
      ) {
        const full = await this.waveResults(
          (await this.store.getWave(wave.id))!,
        );
        result = full.groups.get(team) ?? result;
      }
      lines.push({
        wave: brief(wave, now),
        status: result.status,
        scores: result.scores,
        change:
          previous &&
          changeBetween(previous.wave, previous.scores, result.scores),
        countedIn: result.countedIn,
      });
      previous = { wave, scores: result.scores };
    }
    return {
      k: this.k,
      team: {
        ref: team,
        title: org.get(team)!.title,
        type: org.get(team)!.type,
      },
      waves: lines,
    };
  }

  /**
   * Teams × subscales for one wave (default: the latest closed one), with
   * roll-ups, each group's change since the previous closed wave, and what
   * the results cover.
   */
  async heatmap(credentials: BackstageCredentials, waveId?: string) {
    if (
      !(await this.allowed(credentials, cognitiveLoadResultsReadPermission))
    ) {
      throw new NotAllowedError(
        'The org heatmap needs the cognitive-load.results.read permission',
      );
    }
    const now = this.nowIso();
    const waves = this.visibleWaves(
      await this.store.listWaves({ teams: false }),
    );
    let wave: StoredWave | undefined;
    if (waveId) {
      wave = await this.store.getWave(waveId);
      if (!wave) throw new NotFoundError(`No wave ${waveId}`);
      if (!waves.some(w => w.id === waveId)) {
        throw new ConflictError(`Wave ${waveId} has no results to show yet`);
      }
    } else {
      const chosen =
        waves.find(w => waveStatus(w, now) === 'closed') ?? waves[0];
      // Listed without its teams; the chosen one is needed in full.
      wave = chosen && (await this.store.getWave(chosen.id));
    }
    if (!wave) {
      return { k: this.k, waves: [], wave: undefined, rows: [] };
    }
    const results = await this.waveResults(wave);
    // The closed wave before this one, for changes.
    const before = waves.find(
      w => w.opensAt < wave!.opensAt && waveStatus(w, now) === 'closed',
    );
    const previous =
      before &&
      (await this.waveResults((await this.store.getWave(before.id))!));

    // Depth-first: each group followed by what is under it.
    const rows: Array<GroupResult & { change?: ResultChange }> = [];
    const under = new Map<string | undefined, GroupResult[]>();
    for (const r of results.groups.values()) {
      const list = under.get(r.parentRef);
      if (list) list.push(r);
      else under.set(r.parentRef, [r]);
    }
    const visit = (parent: string | undefined) => {
      for (const r of (under.get(parent) ?? []).sort((a, b) =>
        a.title.localeCompare(b.title),
      )) {
        const change =
          before &&
          changeBetween(before, previous?.groups.get(r.ref)?.scores, r.scores);
        rows.push(change ? { ...r, change } : r);
        visit(r.ref);
      }
    };
    visit(undefined);
    const teams = rows.filter(r => r.surveyed);
    return {
      k: this.k,
      waves: waves.map(w => brief(w, now)),
      wave: brief(wave, now),
      previousWave: before && brief(before, now),
      coverage: {
        teams: teams.length,
        teamsWithResults: teams.filter(r => r.status === 'released').length,
        people: results.people,
      },
      rows,
    };
  }

  /** For the demo seed: store a response as if `userRef` had answered. */
  async seedResponse(
    waveId: string,
    teamRef: string,
    userRef: string,
    answers: Answers,
  ) {
    await this.store.saveResponse({
      waveId,
      teamRef,
      respondentKey: respondentKey(
        this.config.secret,
        waveId,
        teamRef,
        userRef,
      ),
      answers,
    });
  }

  async seedWave(
    wave: Omit<StoredWave, 'id' | 'createdAt' | 'teamCount'>,
  ): Promise<string> {
    const id = randomUUID();
    await this.store.createWave({ ...wave, id, createdAt: this.nowIso() });
    return id;
  }

  async hasWaves() {
    return (await this.store.listWaves({ teams: false })).length > 0;
  }

  instrument(): Instrument {
    return this.config.defaultInstrument;
  }
}
