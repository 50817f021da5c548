import { lowerRef as lower } from '@teamflow/plugin-teamflow-node';
import { createHmac } from 'node:crypto';
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  ConflictError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import {
  Answers,
  GroupScores,
  ReleaseStatus,
  Wave,
  RespondentScores,
  scoreRespondent,
} from '@teamflow/plugin-cognitive-load-common';
import { StoredWave } from '../database/CognitiveLoadStore';
import {
  GroupResult,
  OrgGroup,
  ResultChange,
  WaveResults,
  changeBetween,
  computeWaveResults,
} from './waveResults';
import { SurveyContext } from './SurveyContext';
import { brief, waveStatus } from './waveViews';

const serialiseResults = (r: WaveResults) =>
  JSON.stringify({ people: r.people, groups: [...r.groups.values()] });

const parseResults = (text: string): WaveResults => {
  const { people, groups } = JSON.parse(text) as {
    people: number;
    groups: GroupResult[];
  };
  return { people, groups: new Map(groups.map(g => [g.ref, g])) };
};

/** Results that never reveal a group of fewer than k respondents; sealing closed waves. */
export class SurveyResults {
  constructor(private readonly ctx: SurveyContext) {}

  // Results of closed waves, which can no longer change, for as long as the
  // catalog's group hierarchy they were computed with is current.
  private readonly closedResults = new Map<
    string,
    { org: Map<string, OrgGroup>; results: WaveResults }
  >();

  // Results of sealed waves, kept in the database and never recomputed.
  private readonly sealedResults = new Map<string, WaveResults>();

  /**
   * Seals every closed wave not sealed yet: respondent keys replaced by
   * random ones (see `sealWave`). Run by a scheduled task.
   */
  async sealClosedWaves(): Promise<number> {
    const now = this.ctx.nowIso();
    let sealed = 0;
    for (const id of await this.ctx.store.listUnsealedClosedWaves(now)) {
      const wave = (await this.ctx.store.getWave(id))!;
      // The results as they stand at the close, with today's organisation,
      // are the wave's results for good (see `wave_results`).
      const results = await this.computeResults(wave);
      await this.ctx.store.sealWave(id, now, serialiseResults(results));
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
    if (waveStatus(wave, this.ctx.nowIso()) === 'closed') {
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
    const stored = await this.ctx.store.getSealedResults(waveId);
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
    const org = await this.ctx.groups();
    const open = waveStatus(wave, this.ctx.nowIso()) === 'open';
    const cached = this.closedResults.get(wave.id);
    if (!open && cached?.org === org) return cached.results;
    // One group's result depends only on the surveyed teams inside it.
    const teams = options.only
      ? await this.ctx.store.surveyedAmong(
          wave.id,
          this.descendants(org, options.only),
        )
      : wave.teams;
    if (open) await this.ctx.store.refreshPublications(wave.id, this.ctx.k);
    const [liveCounts, publications] = await Promise.all([
      this.ctx.store.countResponses(wave.id),
      this.ctx.store.listPublications(wave.id, teams),
    ]);
    const score = (answers: Answers[]) =>
      answers.map(a => scoreRespondent(wave.instrument, a));
    const sets = new Map<string, RespondentScores[]>();
    for (const [team, p] of publications) sets.set(team, score(p.answers));
    if (!open) {
      const everything = teams.filter(t => {
        const p = publications.get(t);
        return !p || (liveCounts.get(t) ?? 0) >= p.respondents + this.ctx.k;
      });
      const fromLive = new Set(everything);
      const live = new Map<string, Answers[]>();
      if (everything.length) {
        for (const r of await this.ctx.store.listResponses(
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
    const dp = this.ctx.config.differentialPrivacy;
    const results = computeWaveResults({
      teams,
      org,
      k: this.ctx.k,
      sets,
      liveCounts,
      open,
      only: options.only,
      privacy: dp && {
        epsilon: dp.epsilon,
        // A keyed draw per wave, group and measure: the same on every read.
        uniform: key => {
          const h = createHmac('sha256', this.ctx.config.secret)
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
    const now = this.ctx.nowIso();
    return waves.filter(w => {
      const status = waveStatus(w, now);
      return (
        status === 'closed' ||
        (status === 'open' && this.ctx.config.showOpenWaveResults)
      );
    });
  }

  /** A team's results across waves (oldest first), with changes where both waves meet k. */
  async teamResults(credentials: BackstageCredentials, teamRef: string) {
    const team = lower(teamRef);
    const org = await this.ctx.groups();
    if (!org.get(team)?.type) {
      throw new NotFoundError(`No team ${team} in the catalog`);
    }
    const reader = await this.ctx.reader(credentials);
    const everyWave = reader.readsAll || reader.groups.has(team);
    const now = this.ctx.nowIso();
    // Someone outside the team who opened waves that surveyed it sees those
    // waves only (and changes between two of them).
    const surveyed = await this.ctx.store.listWavesOf(team);
    if (!everyWave && !surveyed.some(w => reader.opened(w))) {
      throw new NotAllowedError(
        `Results of ${team} are for its members, the owners of the waves that surveyed it and people with the cognitive-load.results.read permission`,
      );
    }
    const waves = this.visibleWaves(surveyed)
      .filter(w => everyWave || reader.opened(w))
      .sort((a, b) => a.opensAt.localeCompare(b.opensAt));
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
          (await this.ctx.store.getWave(wave.id))!,
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
      k: this.ctx.k,
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
    const reader = await this.ctx.reader(credentials);
    const all = await this.ctx.store.listWaves({ teams: false });
    if (!reader.readsAll && !all.some(w => reader.opened(w))) {
      throw new NotAllowedError(
        'The org heatmap needs the cognitive-load.results.read permission, or a wave you opened',
      );
    }
    const now = this.ctx.nowIso();
    // A wave's owner reads the waves they opened: the list, the default and
    // the wave changes are measured from are all among those.
    const waves = this.visibleWaves(all).filter(
      w => reader.readsAll || reader.opened(w),
    );
    let wave: StoredWave | undefined;
    if (waveId) {
      wave = await this.ctx.store.getWave(waveId);
      if (!wave) throw new NotFoundError(`No wave ${waveId}`);
      if (!reader.readsAll && !reader.opened(wave)) {
        throw new NotAllowedError(
          `Results of wave ${waveId} are for its owner and people with the cognitive-load.results.read permission`,
        );
      }
      if (!waves.some(w => w.id === waveId)) {
        throw new ConflictError(`Wave ${waveId} has no results to show yet`);
      }
    } else {
      const chosen =
        waves.find(w => waveStatus(w, now) === 'closed') ?? waves[0];
      // Listed without its teams; the chosen one is needed in full.
      wave = chosen && (await this.ctx.store.getWave(chosen.id));
    }
    if (!wave) {
      return { k: this.ctx.k, waves: [], wave: undefined, rows: [] };
    }
    const results = await this.waveResults(wave);
    // The closed wave before this one, for changes.
    const before = waves.find(
      w => w.opensAt < wave!.opensAt && waveStatus(w, now) === 'closed',
    );
    const previous =
      before &&
      (await this.waveResults((await this.ctx.store.getWave(before.id))!));

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
      k: this.ctx.k,
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
}
