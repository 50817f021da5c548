import { DeliveryStore } from '../database/DeliveryStore';

type TeamWindowFilter = Parameters<DeliveryStore['teamWindow']>[0];
type TeamWindow = Awaited<ReturnType<DeliveryStore['teamWindow']>>;
type Entry = {
  /** Each team's generation when its numbers below were read (or earlier). */
  generations: Map<string, number>;
  window: TeamWindow;
};

/** Teams whose generation differs between two readings (0: no row). */
export function changedTeams(
  before: Map<string, number>,
  now: Map<string, number>,
): string[] {
  const out: string[] = [];
  for (const [team, generation] of now)
    if ((before.get(team) ?? 0) !== generation) out.push(team);
  for (const [team, generation] of before)
    if (!now.has(team) && generation !== 0) out.push(team);
  return out;
}

/**
 * The organisation's numbers of a window kept between answers, read again
 * only for the teams whose roll-ups were rewritten since (their generation,
 * raised in the same transaction as the rows, by whichever replica judged
 * them). Summing every team's rows is most of an organisation answer's time
 * (~110 ms at 2,000 teams); a judgement touches a few teams.
 *
 * Each answer reads the generations before any row, so what is kept is never
 * older than the generation it is kept under: a commit in between only makes
 * the next answer read that team again. Entries are replaced, never changed,
 * so concurrent answers cannot mix their reads. The organisation's weeks and
 * deploy days span every team: they are read again whenever any team moved.
 */
export class OrganisationCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly store: DeliveryStore,
    /** Windows kept (each ~2 MB at 2,000 teams with trends). */
    private readonly size = 6,
  ) {}

  async teamWindow(filter: TeamWindowFilter): Promise<TeamWindow> {
    const generations = await this.store.teamGenerations();
    const key = JSON.stringify([
      filter.environment,
      filter.fromDay,
      filter.toDay,
      filter.teamWeeks,
    ]);
    const entry = this.entries.get(key);
    const stale = entry ? changedTeams(entry.generations, generations) : [];
    let window: TeamWindow;
    if (entry && !stale.length) window = entry.window;
    else if (entry && stale.length <= Math.max(50, generations.size / 4))
      window = merge(
        entry.window,
        stale,
        await this.store.teamWindow({ ...filter, teamRefs: stale }),
      );
    // First read of this window, or too many teams moved: one pass over all.
    else window = await this.store.teamWindow(filter);
    this.entries.delete(key);
    this.entries.set(key, { generations, window });
    if (this.entries.size > this.size)
      this.entries.delete(this.entries.keys().next().value!);
    return window;
  }
}

/** A kept window with the given teams' parts and the organisation's read again. */
function merge(
  kept: TeamWindow,
  teams: string[],
  fresh: TeamWindow,
): TeamWindow {
  const moved = new Set(teams);
  const teamWeeks = new Map(kept.teamWeeks);
  for (const team of teams) teamWeeks.delete(team);
  for (const [team, weeks] of fresh.teamWeeks) teamWeeks.set(team, weeks);
  return {
    teams: [...kept.teams.filter(t => !moved.has(t.teamRef)), ...fresh.teams],
    teamWeeks,
    organisationWeeks: fresh.organisationWeeks,
    organisationDeployDays: fresh.organisationDeployDays,
  };
}
