import {
  AnonymityNode,
  GroupResult,
  ResultChange,
  GroupScores,
  MEASURES,
  Measure,
  ReleaseDecision,
  ReleaseStatus,
  RespondentScores,
  SUBSCALES,
  decideRelease,
  measureCounts,
  privateMean,
  spreadMinimum,
  summariseRespondents,
} from '@teamflow/plugin-cognitive-load-common';

export type { GroupResult, ResultChange };

/** A Group as the survey needs it. @public */
export type OrgGroup = {
  ref: string;
  title: string;
  /** Team Topologies type for team Groups ('undeclared' without a label); undefined for other groups. */
  type?: string;
  parentRef?: string;
  members: string[];
};

/** A wave's results by group, and how many people they count. @public */
export type WaveResults = {
  groups: Map<string, GroupResult>;
  /** People whose answers the results hold, each counted once. */
  people: number;
};

/**
 * The results of one wave for every surveyed team in scope and every group
 * above them, decided measure by measure: each subscale and load is shown for
 * a group only when at least k people answered that part and showing it lets
 * nobody work out that part for a smaller group (`decideRelease`).
 *
 * `sets` are the answers each team's results come from (for an open wave its
 * last publication; for a closed one everything, or the last publication when
 * fewer than k answered after it). `liveCounts` tell "no data" from "not
 * enough responses" for teams without a set. In an open wave roll-ups wait
 * for the close: their teams' publications move at different times, and a
 * roll-up that moved with each of them would move in steps of fewer than k.
 */
export function computeWaveResults(input: {
  teams: string[];
  org: Map<string, OrgGroup>;
  k: number;
  sets: Map<string, RespondentScores[]>;
  liveCounts: Map<string, number>;
  open: boolean;
  only?: string;
  /**
   * Differentially private roll-ups: groups above the teams publish noisy
   * means (`privateMean`) instead of medians, and are not hidden by the
   * subtraction rule, which noise makes unnecessary. `uniform` gives the
   * draw for a key, the same every time, so asking again averages nothing.
   */
  privacy?: { epsilon: number; uniform: (key: string) => number };
}): WaveResults {
  const { org, k, sets, liveCounts, open, privacy } = input;
  const surveyed = new Set(input.teams);
  // The surveyed teams and every group above them.
  const refs = new Set<string>();
  for (const t of input.teams) {
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
  const parentOf = (ref: string) => {
    const p = org.get(ref)?.parentRef;
    return p && refs.has(p) ? p : undefined;
  };
  const ancestorsOf = (ref: string) => {
    const list: string[] = [];
    const seen = new Set([ref]);
    for (let p = parentOf(ref); p && !seen.has(p); p = parentOf(p)) {
      seen.add(p);
      list.push(p);
    }
    return list;
  };
  const overlap = overlaps(org, surveyed, ancestorsOf);

  const nodes = (own: (team: string) => number): AnonymityNode[] =>
    [...refs].map(ref => ({
      ref,
      parentRef: parentOf(ref),
      ownResponses: surveyed.has(ref) ? own(ref) : 0,
      overlap: overlap.get(ref) ?? 0,
    }));
  const overall = decideRelease(
    nodes(t => sets.get(t)?.length ?? 0),
    k,
  );
  const countsByTeam = new Map(
    [...sets].map(([t, rs]) => [t, measureCounts(rs)]),
  );
  // A measure everyone answered has the overall decisions: the common case,
  // decided once.
  const byMeasure = new Map<Measure, Map<string, ReleaseDecision>>(
    MEASURES.map(m => {
      const everyone = [...sets].every(
        ([t, rs]) => countsByTeam.get(t)![m] === rs.length,
      );
      return [
        m,
        everyone
          ? overall
          : decideRelease(
              nodes(t => countsByTeam.get(t)?.[m] ?? 0),
              k,
            ),
      ];
    }),
  );

  const children = new Map<string, string[]>();
  for (const ref of refs) {
    const p = parentOf(ref);
    if (p) children.set(p, [...(children.get(p) ?? []), ref]);
  }
  const teamsUnder = (ref: string) => {
    const found: string[] = [];
    const seen = new Set<string>();
    const walk = (r: string) => {
      if (seen.has(r)) return;
      seen.add(r);
      if (surveyed.has(r)) found.push(r);
      for (const c of children.get(r) ?? []) walk(c);
    };
    walk(ref);
    return found;
  };

  const statusOf = (ref: string): ReleaseStatus => {
    if (surveyed.has(ref) && !sets.has(ref)) {
      return (liveCounts.get(ref) ?? 0) === 0
        ? 'no-data'
        : 'not-enough-responses';
    }
    if (open && !surveyed.has(ref)) return 'at-close';
    const status = overall.get(ref)!.status;
    return privacy && !surveyed.has(ref) && status === 'suppressed'
      ? 'released'
      : status;
  };
  const measureReleased = (m: Measure, ref: string) => {
    const status = byMeasure.get(m)!.get(ref)?.status;
    return (
      status === 'released' ||
      (!!privacy && !surveyed.has(ref) && status === 'suppressed')
    );
  };
  const statuses = new Map([...refs].map(ref => [ref, statusOf(ref)]));

  const results = new Map<string, GroupResult>();
  for (const ref of input.only ? [input.only] : refs) {
    if (!refs.has(ref)) continue;
    const group = org.get(ref);
    const status = statuses.get(ref)!;
    const result: GroupResult = {
      ref,
      title: group?.title ?? ref,
      type: group?.type,
      parentRef: parentOf(ref),
      depth: ancestorsOf(ref).length,
      surveyed: surveyed.has(ref),
      status,
    };
    if (status === 'released') {
      const respondents = teamsUnder(ref).flatMap(t => sets.get(t) ?? []);
      const scores = summariseRespondents(respondents, {
        k,
        released: m => measureReleased(m, ref),
      });
      // People, not responses: someone in two teams below counts once.
      scores.n = overall.get(ref)!.n;
      for (const m of MEASURES) {
        const r = m === 'load' ? scores.load : scores.subscales[m];
        if (!r) continue;
        r.n = byMeasure.get(m)!.get(ref)!.n;
        if (r.n < spreadMinimum(k)) delete r.spread;
        if (privacy && !surveyed.has(ref)) {
          const values = respondents.flatMap(x => {
            const v = m === 'load' ? x.load : x[m];
            return v === undefined ? [] : [v];
          });
          const estimate = privateMean(
            values,
            privacy.epsilon,
            privacy.uniform(`${ref}\n${m}\n${values.length}`),
          );
          const replaced = {
            median: estimate.value,
            n: r.n,
            private: {
              expectedError: estimate.expectedError,
              epsilon: estimate.epsilon,
            },
          };
          if (m === 'load') scores.load = replaced;
          else scores.subscales[m] = replaced;
        }
      }
      result.scores = scores;
    } else if (status === 'not-enough-responses' && !open) {
      const shown = ancestorsOf(ref).find(a => statuses.get(a) === 'released');
      if (shown) {
        result.countedIn = {
          ref: shown,
          title: org.get(shown)?.title ?? shown,
        };
      }
    }
    results.set(ref, result);
  }
  // Everyone counted, each once: the top groups do not overlap.
  const people = [...refs]
    .filter(ref => !parentOf(ref))
    .reduce((sum, ref) => sum + overall.get(ref)!.n, 0);
  return { groups: results, people };
}

/**
 * For each group, how many of the responses below it may come from someone
 * already counted: people in several surveyed teams below the group answer
 * once per team but are one person.
 */
function overlaps(
  org: Map<string, OrgGroup>,
  surveyed: Set<string>,
  ancestorsOf: (ref: string) => string[],
): Map<string, number> {
  const teamsOfPerson = new Map<string, string[]>();
  for (const team of surveyed) {
    for (const member of org.get(team)?.members ?? []) {
      const list = teamsOfPerson.get(member);
      if (list) list.push(team);
      else teamsOfPerson.set(member, [team]);
    }
  }
  const result = new Map<string, number>();
  for (const teams of teamsOfPerson.values()) {
    if (teams.length < 2) continue;
    const under = new Map<string, number>();
    for (const t of teams) {
      for (const g of [t, ...ancestorsOf(t)]) {
        under.set(g, (under.get(g) ?? 0) + 1);
      }
    }
    for (const [g, n] of under) {
      if (n > 1) result.set(g, (result.get(g) ?? 0) + n - 1);
    }
  }
  return result;
}

const delta = (a?: number, b?: number) =>
  a === undefined || b === undefined ? undefined : b - a;

/**
 * The change of a group between two waves: only the measures released in
 * both (each from at least k people, see `mayCompare`).
 */
export function changeBetween(
  from: { id: string; title: string },
  before?: GroupScores,
  after?: GroupScores,
): ResultChange | undefined {
  if (!before || !after) return undefined;
  return {
    fromWaveId: from.id,
    fromWaveTitle: from.title,
    load: delta(before.load?.median, after.load?.median),
    subscales: Object.fromEntries(
      SUBSCALES.flatMap(s => {
        const d = delta(
          before.subscales[s]?.median,
          after.subscales[s]?.median,
        );
        return d === undefined ? [] : [[s, d]];
      }),
    ),
  };
}
