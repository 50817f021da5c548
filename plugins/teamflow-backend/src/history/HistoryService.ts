import {
  BackstageCredentials,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  ChangesResponse,
  HistoricTeamMap,
  OrgSnapshot,
  StructuralLoadBand,
  TeamGraphFilter,
  compareMaps,
  diffSnapshots,
  teamMapOfSnapshot,
  orgSnapshotOf,
  overviewOfSnapshot,
  teamflowHistorySnapshotPermission,
} from '@teamflow/plugin-teamflow-common';
import { OrgFlowResponse } from '@teamflow/plugin-delivery-common';
import { TeamGraphService } from '../services/TeamGraphService';
import { OrgSignals, teamSignalsOf } from '../attention/AttentionService';
import { HistoryStore, SnapshotSource } from './HistoryStore';
import { demoHistory } from './demoHistory';

const DAY = 86_400_000;

/** Structural load as kept in the history. @public */
export type StructuralLoadAsOf = {
  asOf: { requested: string; snapshotOn: string };
  teams: Array<{
    teamRef: string;
    title: string;
    score: number;
    band: StructuralLoadBand;
  }>;
};

/**
 * A snapshot as a reader may see it: for a conditional reader, only the
 * teams, edges between them, components, loads and personas they may read
 * now.
 */
function trimSnapshot(
  snapshot: OrgSnapshot,
  visible: 'all' | Set<string>,
): OrgSnapshot {
  if (visible === 'all') return snapshot;
  return {
    ...snapshot,
    teams: snapshot.teams.filter(t => visible.has(t.ref)),
    edges: snapshot.edges.filter(e => visible.has(e.from) && visible.has(e.to)),
    owners: Object.fromEntries(
      Object.entries(snapshot.owners).filter(([c]) => visible.has(c)),
    ),
    load: snapshot.load.filter(l => visible.has(l.teamRef)),
    ...(snapshot.personas
      ? { personas: snapshot.personas.filter(p => visible.has(p.ref)) }
      : {}),
  };
}

/**
 * The organisation's history: a snapshot a day of the team graph, owners and
 * structural load, kept `retentionDays`, and what changed between two days.
 */
export class HistoryService {
  // Serialised past maps by the snapshot they came from (see mapJson).
  private readonly answers = new WeakMap<OrgSnapshot, Map<string, string>>();

  constructor(
    private readonly store: HistoryStore,
    private readonly teamGraph: TeamGraphService,
    private readonly permissions: PermissionsService,
    private readonly logger: LoggerService,
    private readonly retentionDays: number,
    private readonly now: () => number = Date.now,
    /** Told of every snapshot taken (alerts). */
    private readonly alerts?: {
      afterSnapshot(
        snapshot: OrgSnapshot,
        options?: { digestToday?: boolean; delivery?: OrgFlowResponse },
      ): Promise<unknown>;
    },
    /** Every team's debt and delivery, kept in each snapshot. */
    private readonly signals?: () => Promise<OrgSignals>,
  ) {}

  private async readSignals(): Promise<OrgSignals> {
    try {
      return (await this.signals?.()) ?? {};
    } catch (e) {
      this.logger.warn(`History: team signals not read: ${e}`);
      return {};
    }
  }

  private today() {
    return new Date(this.now()).toISOString().slice(0, 10);
  }

  /**
   * Today's snapshot from the current team graph (replacing an earlier one
   * of today), then snapshots past the retention removed. Nothing when the
   * graph has no team yet (a catalog still loading).
   */
  async takeSnapshot(source: SnapshotSource): Promise<OrgSnapshot | undefined> {
    const current = await this.teamGraph.current();
    if (current.graph.nodes.length === 0) return undefined;
    const snapshot = orgSnapshotOf(
      this.today(),
      current.graph,
      current.load,
      current.components,
      current.personas,
    );
    const signals = await this.readSignals();
    const byTeam = teamSignalsOf(signals);
    for (const team of snapshot.teams) {
      const found = byTeam.get(team.ref);
      if (found) team.signals = found;
    }
    await this.store.save(snapshot, this.now(), source);
    const cutoff = new Date(this.now() - this.retentionDays * DAY)
      .toISOString()
      .slice(0, 10);
    const pruned = await this.store.prune(cutoff);
    if (pruned) this.logger.info(`History: removed ${pruned} old snapshots`);
    await this.alert(snapshot, { delivery: signals.delivery });
    return snapshot;
  }

  /** On demand, for holders of teamflow.history.snapshot. */
  async takeSnapshotFor(credentials: BackstageCredentials) {
    const [decision] = await this.permissions.authorize(
      [{ permission: teamflowHistorySnapshotPermission }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW)
      throw new NotAllowedError(
        'Taking a snapshot needs the teamflow.history.snapshot permission',
      );
    return this.takeSnapshot('on-demand');
  }

  /**
   * The demo's six months of history, once: when there is no snapshot
   * before today and the catalog has settled (the same number of entities
   * twice, `settleMs` apart), today's is taken and the weeks before it
   * generated. The story's debt line is told from today's open debt, so
   * while no team has any yet (the tech-debt demo seeds at the same start)
   * it waits, at most `waitForDebt` attempts. `done` when there was
   * nothing to do, `waiting` when it is too early.
   */
  async seedDemo(
    settleMs = 10_000,
    attempt = 0,
    waitForDebt = 6,
  ): Promise<'seeded' | 'done' | 'waiting'> {
    const days = await this.store.days();
    if (days.some(d => d.day < this.today())) return 'done';
    // The story is told from the catalog as it is: wait until it stopped
    // growing (a portal just started is still reading its locations).
    const first = await this.teamGraph.refresh();
    await new Promise(r => setTimeout(r, settleMs));
    const second = await this.teamGraph.refresh();
    if (first.entityCount !== second.entityCount) return 'waiting';
    const today = await this.takeSnapshot('scheduled');
    if (!today) return 'waiting';
    const anyDebt = today.teams.some(t => (t.signals?.debt?.open ?? 0) > 0);
    if (!anyDebt && attempt < waitForDebt) return 'waiting';
    for (const s of demoHistory(today))
      await this.store.save(s, this.now(), 'demo');
    this.logger.info('History: seeded six months of demo snapshots');
    // Today against the demo's last week: the alerts a real week would
    // send, and the weekly review whatever the weekday.
    await this.alert(today, { digestToday: true });
    return 'seeded';
  }

  private async alert(
    snapshot: OrgSnapshot,
    options?: { digestToday?: boolean; delivery?: OrgFlowResponse },
  ) {
    try {
      await this.alerts?.afterSnapshot(snapshot, options);
    } catch (e) {
      this.logger.warn(`History: alerts failed: ${e}`);
    }
  }

  async days() {
    return this.store.days();
  }

  /**
   * What changed from the snapshot of `from` (the latest on or before it)
   * to that of `to`, leaving out changes about entities the caller may not
   * read (for a reader of the whole catalog, nothing is left out — also
   * teams removed since).
   */
  async changes(
    credentials: BackstageCredentials,
    window: { from: string; to: string },
  ): Promise<ChangesResponse> {
    const visible = await this.teamGraph.visibleRefs(credentials);
    const [before, after] = await Promise.all([
      this.store.onOrBefore(window.from),
      this.store.onOrBefore(window.to),
    ]);
    if (!before || !after) {
      const days = await this.store.days();
      return { status: 'not-enough-history', earliest: days[0]?.day };
    }
    // Debt and delivery figures are the organisation's, read with the
    // backend's own credentials: they go only to readers of the whole
    // catalog, for whom they hold nothing unseen.
    const changes = diffSnapshots(before, after).filter(c =>
      visible === 'all'
        ? true
        : c.kind !== 'debt-change' &&
          c.kind !== 'delivery-shift' &&
          c.refs.every(r => visible.has(r)),
    );
    return {
      status: 'ok',
      from: { requested: window.from, snapshotOn: before.takenOn },
      to: { requested: window.to, snapshotOn: after.takenOn },
      changes,
    };
  }

  /**
   * The dependency map as of a day (the snapshot on or before it; default
   * today), filtered as the live map is, optionally compared with another
   * day's. A conditional reader sees only the teams and edges between teams
   * they may read now.
   */
  async map(
    credentials: BackstageCredentials,
    filter: TeamGraphFilter,
    days: { asOf?: string; compareWith?: string },
  ): Promise<HistoricTeamMap> {
    return JSON.parse(await this.mapJson(credentials, filter, days));
  }

  /** The snapshot on or before `day`; a 404 naming where history starts. */
  private async snapshotOn(day: string) {
    const snapshot = await this.store.onOrBefore(day);
    if (!snapshot) {
      const first = (await this.store.days())[0]?.day;
      throw new NotFoundError(
        first
          ? `No history on or before ${day}: it starts on ${first}`
          : 'No history yet: the first snapshot is taken shortly after the backend starts',
      );
    }
    return snapshot;
  }

  /**
   * Structural load as of a day: each team's score and band in the snapshot
   * on or before it (the reasons behind a score are kept only for today's).
   * A conditional reader sees only the teams they may read now.
   */
  async loadAsOf(
    credentials: BackstageCredentials,
    day: string,
    teamRef?: string,
  ): Promise<StructuralLoadAsOf> {
    const visible = await this.teamGraph.visibleRefs(credentials);
    const snapshot = trimSnapshot(await this.snapshotOn(day), visible);
    const titles = new Map(snapshot.teams.map(t => [t.ref, t.title]));
    const teams = snapshot.load
      .filter(l => !teamRef || l.teamRef === teamRef)
      .map(l => ({ ...l, title: titles.get(l.teamRef) ?? l.teamRef }))
      .sort((a, b) => b.score - a.score || a.teamRef.localeCompare(b.teamRef));
    if (teamRef && teams.length === 0)
      throw new NotFoundError(
        `No team ${teamRef} in the history on ${snapshot.takenOn}`,
      );
    return { asOf: { requested: day, snapshotOn: snapshot.takenOn }, teams };
  }

  /**
   * The CTO overview as of a day, from the snapshot on or before it
   * ({@link overviewOfSnapshot}). A conditional reader's overview counts
   * only the teams, dependencies, components and personas they may read now.
   */
  async overviewAsOf(credentials: BackstageCredentials, day: string) {
    const visible = await this.teamGraph.visibleRefs(credentials);
    const full = await this.snapshotOn(day);
    const snapshot = trimSnapshot(full, visible);
    return {
      asOf: { requested: day, snapshotOn: snapshot.takenOn },
      ...overviewOfSnapshot(snapshot),
    };
  }

  /**
   * {@link HistoryService.map}, serialised. For readers of the whole
   * catalog the answer is kept with the snapshot it came from (the store
   * hands out the same object until the day is retaken): the slider going
   * back and forth, or a second reader, does not rebuild 60,000 edges.
   */
  async mapJson(
    credentials: BackstageCredentials,
    filter: TeamGraphFilter,
    days: { asOf?: string; compareWith?: string },
  ): Promise<string> {
    const visible = await this.teamGraph.visibleRefs(credentials);
    const requested = days.asOf ?? this.today();
    const full = await this.snapshotOn(requested);
    const otherFull = days.compareWith
      ? await this.snapshotOn(days.compareWith)
      : undefined;
    const shown = trimSnapshot(full, visible);
    // The map itself, serialised without its closing brace: the same for
    // every requested day that falls on this snapshot and every comparison.
    const mapKey = JSON.stringify(filter);
    const kept = visible === 'all' ? this.answers.get(full) : undefined;
    let body = kept?.get(mapKey);
    if (!body) {
      body = JSON.stringify(teamMapOfSnapshot(shown, filter)).slice(0, -1);
      if (visible === 'all') {
        const answers = kept ?? new Map<string, string>();
        if (answers.size >= 16) answers.clear();
        answers.set(mapKey, body);
        this.answers.set(full, answers);
      }
    }
    const other = otherFull && trimSnapshot(otherFull, visible);
    // Same keys, same order as JSON.stringify({ ...map, asOf, comparison }).
    return `${body},"asOf":${JSON.stringify({
      requested,
      snapshotOn: shown.takenOn,
    })}${
      other ? `,"comparison":${JSON.stringify(compareMaps(shown, other))}` : ''
    }}`;
  }
}
