import {
  DoraMetricKey,
  OrgFlowResponse,
  SummaryDistribution,
  doraBand,
  formatHours,
  percent,
} from '@teamflow/plugin-delivery-common';
import {
  ATTENTION_SIGNALS,
  AttentionLevel,
  AttentionRow,
  AttentionSignal,
  AttentionSignalKey,
  byNeedForAttention,
} from '@teamflow/plugin-teamflow-common';
import { TeamGraphSnapshot } from '../services/TeamGraphService';

/** What the table needs of tech debt's GET /rollup/org. */
export type DebtByTeam = {
  byTeam: Array<{ teamRef: string; open: number; score: number }>;
};

/** What the table needs of cognitive load's GET /results/heatmap. */
export type PerceivedLoadHeatmap = {
  k: number;
  wave?: { id: string; title: string };
  rows: Array<{
    ref: string;
    surveyed: boolean;
    status: string;
    scores?: {
      load?: { median: number; private?: { expectedError: number } };
    };
    countedIn?: { ref: string; title: string };
  }>;
};

/** The rules, named in the README; a change here is a change there. */
export const ATTENTION_RULES = {
  /** Perceived load (0–100, 50 = "neither agree nor disagree") at or above. */
  perceivedLoadProblem: 60,
  perceivedLoadWatch: 50,
  /** Debt score over the median team's (teams with open debt) at or above. */
  debtProblemRatio: 2,
  /** DORA report whose clusters judge the four key metrics (the delivery page's default). */
  doraYear: 2024,
} as const;

const lower = (s: string) => s.toLocaleLowerCase('en-US');

const BAND_LEVEL: Record<string, AttentionLevel> = {
  elite: 'ok',
  high: 'ok',
  medium: 'watch',
  low: 'problem',
};

function dora(
  metric: DoraMetricKey,
  value: number,
  text: string,
): AttentionSignal {
  const { band, label } = doraBand(ATTENTION_RULES.doraYear, metric, value);
  // As on the delivery organisation page: a team's median over the window
  // comes from its weeks' hour buckets there; its Delivery tab has the exact one.
  const approximate = text.startsWith('≈')
    ? '; ≈: from hour buckets, as on the delivery organisation page (the team’s Delivery tab shows the exact median)'
    : '';
  return {
    value,
    text,
    level: BAND_LEVEL[band],
    reason: `DORA ${ATTENTION_RULES.doraYear} ${band} cluster (${label})${approximate}`,
  };
}

const hours = (d: SummaryDistribution) =>
  d.status === 'ok'
    ? {
        value: d.median,
        text: `${d.approximate ? '≈ ' : ''}${formatHours(d.median)}`,
      }
    : undefined;

const NOT_ENOUGH: AttentionSignal = { value: null, text: 'not enough data' };

/** The five delivery cells of one team, as its Delivery tab shows them. */
function deliveryCells(
  row: OrgFlowResponse['teams'][number] | undefined,
  minimumSample: number,
): Partial<Record<AttentionSignalKey, AttentionSignal>> {
  if (!row) {
    const none: AttentionSignal = { value: null, text: 'no source connected' };
    return {
      deploymentFrequency: none,
      leadTime: none,
      changeFailRate: none,
      recoveryTime: none,
      reworkRate: none,
    };
  }
  const s = row.summary;
  const df = s.deploymentFrequency;
  const lead = hours(s.leadTimeHours);
  const recovery = hours(s.recoveryTimeHours);
  return {
    deploymentFrequency:
      df.deployments >= minimumSample || df.deployments === 0
        ? dora('deploymentFrequency', df.perDay, `${df.perDay} / day`)
        : NOT_ENOUGH,
    leadTime: lead ? dora('leadTime', lead.value, lead.text) : NOT_ENOUGH,
    changeFailRate:
      s.changeFailRate.status === 'ok'
        ? dora(
            'changeFailRate',
            s.changeFailRate.rate,
            percent(s.changeFailRate.rate),
          )
        : NOT_ENOUGH,
    recoveryTime: recovery
      ? dora('recoveryTime', recovery.value, recovery.text)
      : NOT_ENOUGH,
    reworkRate:
      s.reworkRate.status === 'ok'
        ? {
            value: s.reworkRate.rate,
            text: percent(s.reworkRate.rate),
            reason: 'DORA publishes no clusters for rework rate',
          }
        : NOT_ENOUGH,
  };
}

function perceivedCell(
  heatmap: PerceivedLoadHeatmap,
  row: PerceivedLoadHeatmap['rows'][number] | undefined,
): AttentionSignal {
  if (!heatmap.wave) return { value: null, text: 'no survey results yet' };
  if (!row || !row.surveyed)
    return { value: null, text: 'not surveyed in this wave' };
  const load = row.scores?.load;
  if (row.status !== 'released' || !load) {
    return {
      value: null,
      text: row.countedIn
        ? `withheld (counted in ${row.countedIn.title})`
        : 'withheld',
      reason: `Shown only from ${heatmap.k} answers, so nobody's answers can be told apart`,
    };
  }
  const { perceivedLoadProblem: problem, perceivedLoadWatch: watch } =
    ATTENTION_RULES;
  const median = Math.round(load.median);
  let level: AttentionLevel = 'ok';
  if (median >= problem) level = 'problem';
  else if (median >= watch) level = 'watch';
  return {
    value: median,
    text: load.private ? `≈${load.median}` : String(median),
    level,
    reason: `load ${problem} or more: problem; ${watch} or more: watch (0–100, 50 is neither agree nor disagree)`,
  };
}

function medianOf(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  if (!sorted.length) return 0;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function debtCells(debt: DebtByTeam) {
  const byTeam = new Map(debt.byTeam.map(d => [lower(d.teamRef), d]));
  const typical = medianOf(
    debt.byTeam
      .filter(d => d.teamRef !== 'unowned' && d.open > 0)
      .map(d => d.score),
  );
  return (teamRef: string): AttentionSignal => {
    const d = byTeam.get(teamRef);
    if (!d || d.open === 0)
      return { value: 0, text: 'no open debt', level: 'ok' };
    let level: AttentionLevel = 'ok';
    if (typical > 0 && d.score >= ATTENTION_RULES.debtProblemRatio * typical)
      level = 'problem';
    else if (d.score > typical) level = 'watch';
    return {
      value: d.score,
      text: `${d.score} (${d.open} open)`,
      level,
      reason: `median team score ${typical}: above it watch, ${ATTENTION_RULES.debtProblemRatio}× or more problem`,
    };
  };
}

function dependencyCells(snapshot: TeamGraphSnapshot) {
  const of = new Map<
    string,
    { blocking: number; overdue: Set<string>; undeclared: number }
  >();
  const at = (ref: string) => {
    let d = of.get(ref);
    if (!d) {
      d = { blocking: 0, overdue: new Set(), undeclared: 0 };
      of.set(ref, d);
    }
    return d;
  };
  for (const e of snapshot.graph.edges) {
    for (const ref of [e.from, e.to]) {
      const d = at(ref);
      if (e.blocking) d.blocking++;
      if (e.classification === 'observed-undeclared') d.undeclared++;
      // An interaction past review is one, whichever direction it covers.
      for (const i of e.declared)
        if (i.overdue) d.overdue.add(i.interactionRef);
    }
  }
  return (teamRef: string, hub: boolean): AttentionSignal => {
    const d = of.get(teamRef);
    const blocking = d?.blocking ?? 0;
    const overdue = d?.overdue.size ?? 0;
    const undeclared = d?.undeclared ?? 0;
    const parts = [
      blocking && `${blocking} blocking`,
      overdue && `${overdue} past review`,
      undeclared && `${undeclared} undeclared`,
      hub && 'unusually many',
    ].filter(Boolean);
    let level: AttentionLevel = 'ok';
    if (blocking || overdue) level = 'problem';
    else if (undeclared || hub) level = 'watch';
    return {
      value: blocking + overdue,
      text: parts.length ? parts.join(' · ') : 'none flagged',
      level,
      reason:
        'blocking or past-review dependencies: problem; undeclared ones or unusually many: watch',
    };
  };
}

/**
 * One row per team of the snapshot, each signal judged by its rule. A
 * source that did not answer (undefined) leaves its columns out of the rows.
 */
export function assembleAttention(input: {
  snapshot: TeamGraphSnapshot;
  delivery?: OrgFlowResponse;
  debt?: DebtByTeam;
  heatmap?: PerceivedLoadHeatmap;
}): AttentionRow[] {
  const { snapshot, delivery, debt, heatmap } = input;
  const loads = new Map(snapshot.load.map(l => [l.teamRef, l]));
  const flows = new Map(delivery?.teams.map(t => [lower(t.teamRef), t]));
  const perceived = new Map(heatmap?.rows.map(r => [lower(r.ref), r]));
  const debtOf = debt && debtCells(debt);
  const dependenciesOf = dependencyCells(snapshot);
  const personasOf = new Map<string, Array<{ ref: string; title: string }>>();
  for (const p of snapshot.personas) {
    if (p.lifecycle === 'retired') continue;
    for (const team of p.servedBy) {
      const list = personasOf.get(team) ?? [];
      list.push({ ref: p.ref, title: p.title });
      personasOf.set(team, list);
    }
  }
  const minimumSample = delivery?.definitions.minimumSample ?? 5;
  const rows = snapshot.graph.nodes.map(node => {
    const signals: AttentionRow['signals'] = {};
    const load = loads.get(node.ref);
    if (load) {
      signals.structuralLoad = {
        value: load.score,
        text: `${load.score} (${load.band})`,
        level:
          (
            { overloaded: 'problem', high: 'watch' } as Record<
              string,
              AttentionLevel
            >
          )[load.band] ?? 'ok',
        reason: 'band high: watch; overloaded: problem',
      };
    }
    if (heatmap)
      signals.perceivedLoad = perceivedCell(heatmap, perceived.get(node.ref));
    if (debtOf) signals.debt = debtOf(node.ref);
    if (delivery)
      Object.assign(signals, deliveryCells(flows.get(node.ref), minimumSample));
    signals.dependencies = dependenciesOf(
      node.ref,
      node.manyInbound || node.manyOutbound,
    );
    const personas = (personasOf.get(node.ref) ?? []).sort((a, b) =>
      a.title.localeCompare(b.title, 'en'),
    );
    const streamAligned = node.type === 'stream-aligned';
    signals.personas = {
      value: personas.length,
      text: personas.length ? personas.map(p => p.title).join(', ') : 'none',
      ...(streamAligned
        ? {
            level: personas.length ? 'ok' : 'watch',
            reason: 'a stream-aligned team serving no persona: watch',
          }
        : {}),
    };
    const keys = ATTENTION_SIGNALS.map(s => s.key);
    return {
      teamRef: node.ref,
      title: node.title,
      type: node.type,
      ...(node.valueStream ? { valueStream: node.valueStream } : {}),
      signals,
      personas,
      problems: keys.filter(k => signals[k]?.level === 'problem'),
      watches: keys.filter(k => signals[k]?.level === 'watch'),
    };
  });
  return rows.sort(byNeedForAttention);
}
