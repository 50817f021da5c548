import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { DebtAggregate, DebtStore } from '../database/DebtStore';
import { lowerRef as lower } from '@teamflow/plugin-teamflow-node';
import {
  OPEN,
  present,
  resolutionByQuarter,
  sumAggregates,
} from './rollupMath';

/**
 * The register's roll-ups: a team's and the organisation's open debt by
 * category and status, top items, quick wins, trend and share resolved per
 * quarter, counting only what the caller may read.
 */
export class DebtRollups {
  constructor(
    private readonly store: DebtStore,
    private readonly now: () => Date,
    /** The entities the caller may read; undefined: all of them. */
    private readonly visibleRefs: (
      credentials: BackstageCredentials,
    ) => Promise<Set<string> | undefined>,
  ) {}

  private async aggregates(
    credentials: BackstageCredentials,
    teamRef?: string,
  ) {
    const visible = await this.visibleRefs(credentials);
    if (!visible)
      return { rows: await this.store.aggregate({ teamRef }), visible };
    const rows = (
      await this.store.aggregate({ teamRef, byEntity: true })
    ).filter(r => visible.has(r.entityRef!));
    return { rows, visible };
  }

  private async topItems(visible: Set<string> | undefined, teamRef?: string) {
    const candidates = await this.store.listItems({
      teamRef,
      statuses: OPEN,
      orderByScore: true,
      limit: visible ? 2000 : 300,
    });
    const shown = candidates
      .filter(i => !visible || visible.has(i.entityRef))
      .map(present);
    return {
      top: shown.slice(0, 10),
      quickWins: shown.filter(i => i.quickWin).slice(0, 10),
    };
  }

  private async trend(teamRef?: string) {
    const since = new Date(this.now().getTime() - 183 * 86_400_000)
      .toISOString()
      .slice(0, 10);
    // The organisation's trend has rows of its own ('*'), so it never sums thousands of teams.
    const rows = await this.store.listSnapshots({
      teamRef: teamRef ?? '*',
      since,
    });
    const byDate = new Map<string, { openItems: number; openScore: number }>();
    for (const r of rows) {
      const e = byDate.get(r.takenOn) ?? { openItems: 0, openScore: 0 };
      e.openItems += r.openItems;
      e.openScore += r.openScore;
      byDate.set(r.takenOn, e);
    }
    return [...byDate].map(([takenOn, e]) => ({
      takenOn,
      openItems: e.openItems,
      openScore: Math.round(e.openScore * 10) / 10,
    }));
  }

  async teamRollup(credentials: BackstageCredentials, teamRef: string) {
    const team = lower(teamRef);
    const { rows, visible } = await this.aggregates(credentials, team);
    const [{ top, quickWins }, trend, created, resolved] = await Promise.all([
      this.topItems(visible, team),
      this.trend(team),
      this.store.createdByMonth({ teamRef: team }),
      this.store.resolvedByMonth({ teamRef: team }),
    ]);
    return {
      teamRef: team,
      ...sumAggregates(rows),
      top,
      quickWins,
      trend,
      resolution: resolutionByQuarter(created, resolved),
    };
  }

  async orgRollup(credentials: BackstageCredentials) {
    const { rows, visible } = await this.aggregates(credentials);
    const byTeamRows = new Map<string, DebtAggregate[]>();
    for (const r of rows) {
      const key = r.teamRef ?? 'unowned';
      const list = byTeamRows.get(key);
      if (list) list.push(r);
      else byTeamRows.set(key, [r]);
    }
    const [{ top, quickWins }, trend, created, resolved] = await Promise.all([
      this.topItems(visible),
      this.trend(),
      this.store.createdByMonth({}),
      this.store.resolvedByMonth({}),
    ]);
    return {
      ...sumAggregates(rows),
      byTeam: [...byTeamRows]
        .map(([teamRef, list]) => {
          const s = sumAggregates(list);
          return {
            teamRef,
            open: s.open,
            score: s.score,
            byCategory: Object.fromEntries(
              Object.entries(s.byCategory).map(([c, v]) => [c, v.open]),
            ),
          };
        })
        .sort(
          (a, b) => b.score - a.score || a.teamRef.localeCompare(b.teamRef),
        ),
      top,
      quickWins,
      trend,
      resolution: resolutionByQuarter(created, resolved),
    };
  }
}
