import { randomUUID } from 'node:crypto';
import {
  AuthService,
  BackstageCredentials,
  LoggerService,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  AnonymityNode,
  Answers,
  GroupScores,
  Instrument,
  ReleaseDecision,
  ReleaseStatus,
  Subscale,
  SUBSCALES,
  Wave,
  cognitiveLoadResultsReadPermission,
  cognitiveLoadWaveCreatePermission,
  decideRelease,
  mayCompare,
  RespondentScores,
  scoreRespondent,
  summariseRespondents,
  validateAnswers,
} from '@teamflow/plugin-cognitive-load-common';
import { CognitiveLoadStore, StoredWave } from '../database/CognitiveLoadStore';
import { SurveyConfig } from './config';
import { respondentKey } from './respondentKey';

const lower = (s: string) => s.toLocaleLowerCase('en-US');
const TEAM_TYPE_LABEL = 'teamflow.io/team-type';

/** A Group as the survey needs it. @public */
export type OrgGroup = {
  ref: string;
  title: string;
  /** Team Topologies type for team Groups ('undeclared' without a label); undefined for other groups. */
  type?: string;
  parentRef?: string;
  members: string[];
};

/** One group's line in results: scores only when released. @public */
export type GroupResult = {
  ref: string;
  title: string;
  type?: string;
  parentRef?: string;
  depth: number;
  /** Whether respondents answered for this group itself (a surveyed team) or it is a roll-up. */
  surveyed: boolean;
  status: ReleaseStatus;
  scores?: GroupScores;
};

/** Change of a team between two waves, both released. @public */
export type ResultChange = {
  fromWaveId: string;
  load?: number;
  subscales: Partial<Record<Subscale, number>>;
};

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

const delta = (a?: number, b?: number) =>
  a === undefined || b === undefined
    ? undefined
    : Math.round((b - a) * 10) / 10;

function changeBetween(
  fromWaveId: string,
  before?: GroupScores,
  after?: GroupScores,
): ResultChange {
  return {
    fromWaveId,
    load: delta(before?.load?.median, after?.load?.median),
    subscales: Object.fromEntries(
      SUBSCALES.flatMap(s => {
        const d = delta(
          before?.subscales[s]?.median,
          after?.subscales[s]?.median,
        );
        return d === undefined ? [] : [[s, d]];
      }),
    ),
  };
}

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
  private groupsCache?: { at: number; groups: Promise<Map<string, OrgGroup>> };
  // Results of closed waves, which can no longer change, for as long as the
  // catalog's group hierarchy they were computed with is current.
  private readonly closedResults = new Map<
    string,
    { org: Map<string, OrgGroup>; results: Map<string, GroupResult> }
  >();

  private constructor(
    private readonly store: CognitiveLoadStore,
    private readonly catalog: CatalogService,
    private readonly auth: AuthService,
    private readonly userInfo: UserInfoService,
    private readonly permissions: PermissionsService,
    private readonly config: SurveyConfig,
    private readonly logger: LoggerService,
    private readonly now: () => Date,
  ) {}

  static create(options: {
    store: CognitiveLoadStore;
    catalog: CatalogService;
    auth: AuthService;
    userInfo: UserInfoService;
    permissions: PermissionsService;
    config: SurveyConfig;
    logger: LoggerService;
    now?: () => Date;
  }) {
    return new SurveyService(
      options.store,
      options.catalog,
      options.auth,
      options.userInfo,
      options.permissions,
      options.config,
      options.logger,
      options.now ?? (() => new Date()),
    );
  }

  get k() {
    return this.config.k;
  }

  private nowIso() {
    return this.now().toISOString();
  }

  /** Groups of the catalog, cached for 30 seconds. */
  async groups(): Promise<Map<string, OrgGroup>> {
    if (!this.groupsCache || Date.now() - this.groupsCache.at > 30_000) {
      const groups = this.loadGroups();
      this.groupsCache = { at: Date.now(), groups };
      groups.catch(() => {
        this.groupsCache = undefined;
      });
    }
    return this.groupsCache.groups;
  }

  private async loadGroups(): Promise<Map<string, OrgGroup>> {
    const { items } = await this.catalog.getEntities(
      {
        filter: { kind: 'group' },
        fields: [
          'kind',
          'metadata.name',
          'metadata.namespace',
          'metadata.title',
          'metadata.labels',
          'spec.type',
          'relations',
        ],
      },
      { credentials: await this.auth.getOwnServiceCredentials() },
    );
    return new Map(
      items.map(e => {
        const ref = lower(stringifyEntityRef(e));
        const label = e.metadata.labels?.[TEAM_TYPE_LABEL];
        const isTeam = label || e.spec?.type === 'team';
        const parent = (e.relations ?? []).find(r => r.type === 'childOf');
        return [
          ref,
          {
            ref,
            title: e.metadata.title ?? e.metadata.name,
            type: isTeam ? label ?? 'undeclared' : undefined,
            parentRef: parent ? lower(parent.targetRef) : undefined,
            members: (e.relations ?? [])
              .filter(r => r.type === 'hasMember')
              .map(r => lower(r.targetRef)),
          },
        ];
      }),
    );
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
          respondentKey(this.config.secret, wave.id, userRef),
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
    const result = await this.store.saveResponse({
      waveId,
      teamRef: team,
      respondentKey: respondentKey(this.config.secret, waveId, userRef),
      answers: answers as Answers,
    });
    return { saved: result };
  }

  /**
   * Release decisions and scores of one wave for every team it surveyed and
   * every group above them.
   */
  private async waveResults(
    wave: StoredWave,
    options: { only?: string } = {},
  ): Promise<Map<string, GroupResult>> {
    const org = await this.groups();
    const closed = waveStatus(wave, this.nowIso()) === 'closed';
    const cached = this.closedResults.get(wave.id);
    if (closed && cached?.org === org) {
      return options.only
        ? new Map([[options.only, cached.results.get(options.only)!]])
        : cached.results;
    }
    // One group's result depends only on the surveyed teams inside it.
    const scope = options.only
      ? {
          ...wave,
          teams: await this.store.surveyedAmong(
            wave.id,
            this.descendants(org, options.only),
          ),
        }
      : wave;
    const results = await this.computeWaveResults(scope, org, options);
    if (closed && !options.only) {
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

  private async computeWaveResults(
    wave: StoredWave,
    org: Map<string, OrgGroup>,
    options: { only?: string },
  ): Promise<Map<string, GroupResult>> {
    const counts = await this.store.countResponses(wave.id);
    // The surveyed teams and their ancestors.
    const refs = new Set<string>();
    for (const t of wave.teams) {
      const seen = new Set<string>();
      for (
        let r: string | undefined = t;
        r && !seen.has(r);
        r = org.get(r)?.parentRef
      ) {
        seen.add(r);
        refs.add(r);
      }
    }
    const surveyed = new Set(wave.teams);
    const nodes: AnonymityNode[] = [...refs].map(ref => ({
      ref,
      parentRef: org.get(ref)?.parentRef,
      ownResponses: surveyed.has(ref) ? counts.get(ref) ?? 0 : 0,
    }));
    const children = new Map<string, string[]>();
    for (const n of nodes) {
      if (n.parentRef && refs.has(n.parentRef)) {
        children.set(n.parentRef, [
          ...(children.get(n.parentRef) ?? []),
          n.ref,
        ]);
      }
    }
    const decisions = decideRelease(nodes, this.k);

    // Only the groups whose scores are wanted, and the teams under them.
    const wanted = options.only ? [options.only] : [...refs];
    const subtree = (ref: string, into: Set<string>) => {
      if (into.has(ref)) return into;
      into.add(ref);
      for (const c of children.get(ref) ?? []) subtree(c, into);
      return into;
    };
    const needTeams = new Set<string>();
    for (const ref of wanted) {
      if (decisions.get(ref)?.status !== 'released') continue;
      for (const r of subtree(ref, new Set()))
        if (surveyed.has(r)) needTeams.add(r);
    }
    const byTeam = new Map<string, RespondentScores[]>();
    if (needTeams.size) {
      for (const r of await this.store.listResponses(
        [wave.id],
        [...needTeams],
      )) {
        if (!needTeams.has(r.teamRef)) continue;
        const list = byTeam.get(r.teamRef);
        const scored = scoreRespondent(wave.instrument, r.answers);
        if (list) list.push(scored);
        else byTeam.set(r.teamRef, [scored]);
      }
    }
    const depthOf = (ref: string) => {
      let d = 0;
      const seen = new Set<string>();
      for (
        let p = org.get(ref)?.parentRef;
        p && refs.has(p) && !seen.has(p);
        p = org.get(p)?.parentRef
      ) {
        seen.add(p);
        d += 1;
      }
      return d;
    };
    const results = new Map<string, GroupResult>();
    for (const ref of wanted) {
      const d = decisions.get(ref)!;
      const group = org.get(ref);
      const parentRef = org.get(ref)?.parentRef;
      results.set(ref, {
        ref,
        title: group?.title ?? ref,
        type: group?.type,
        parentRef: parentRef && refs.has(parentRef) ? parentRef : undefined,
        depth: depthOf(ref),
        surveyed: surveyed.has(ref),
        status: d.status,
        scores:
          d.status === 'released'
            ? summariseRespondents(
                [...subtree(ref, new Set())].flatMap(r => byTeam.get(r) ?? []),
              )
            : undefined,
      });
    }
    return results;
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
    }> = [];
    let previous:
      | { waveId: string; decision: ReleaseDecision; scores?: GroupScores }
      | undefined;
    for (const wave of waves) {
      const result = (await this.waveResults(wave, { only: team })).get(team)!;
      const decision = { status: result.status, n: result.scores?.n ?? 0 };
      const change =
        previous && mayCompare(previous.decision, decision)
          ? changeBetween(previous.waveId, previous.scores, result.scores)
          : undefined;
      lines.push({
        wave: brief(wave, now),
        status: result.status,
        scores: result.scores,
        change,
      });
      previous = { waveId: wave.id, decision, scores: result.scores };
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

  /** Teams × subscales for one wave (default: the latest one with results to show), with roll-ups. */
  async heatmap(credentials: BackstageCredentials, waveId?: string) {
    if (
      !(await this.allowed(credentials, cognitiveLoadResultsReadPermission))
    ) {
      throw new NotAllowedError(
        'The org heatmap needs the cognitive-load.results.read permission',
      );
    }
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
      // The latest wave with something to show, else the latest.
      for (const w of waves) {
        const counts = await this.store.countResponses(w.id);
        if ([...counts.values()].some(n => n >= this.k)) {
          wave = w;
          break;
        }
      }
      wave ??= waves[0];
    }
    const now = this.nowIso();
    if (!wave) {
      return { k: this.k, waves: [], wave: undefined, rows: [] };
    }
    // Listed without its teams; the chosen one is needed in full.
    const results = await this.waveResults(
      waveId ? wave : (await this.store.getWave(wave.id))!,
    );
    // Depth-first: each group followed by what is under it.
    const rows: GroupResult[] = [];
    const under = new Map<string | undefined, GroupResult[]>();
    for (const r of results.values()) {
      const list = under.get(r.parentRef);
      if (list) list.push(r);
      else under.set(r.parentRef, [r]);
    }
    const visit = (parent: string | undefined) => {
      for (const r of (under.get(parent) ?? []).sort((a, b) =>
        a.title.localeCompare(b.title),
      )) {
        rows.push(r);
        visit(r.ref);
      }
    };
    visit(undefined);
    return {
      k: this.k,
      waves: waves.map(w => brief(w, now)),
      wave: brief(wave, now),
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
      respondentKey: respondentKey(this.config.secret, waveId, userRef),
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
