import {
  DoraMetricKey,
  DoraReportYear,
  FlowSummary,
  FlowTargets,
  SummaryDistribution,
  completeWeeks,
  doraBand,
  formatHours,
  percent,
} from '@teamflow/plugin-delivery-common';

export { formatHours, percent };

export type TileKey =
  | 'deploymentFrequency'
  | 'leadTime'
  | 'changeFailRate'
  | 'recoveryTime'
  | 'reworkRate';

export type Tile = {
  key: TileKey;
  title: string;
  /** null: not enough data */
  value: string | null;
  detail: string;
  n: number;
  approximate: boolean;
  band?: { band: string; label: string };
  target?: { text: string; met: boolean };
  /** weekly values for the sparkline (null: no data that week) */
  weekly: Array<number | null>;
  /** lower is better */
  lowerIsBetter: boolean;
};

const distValue = (d: SummaryDistribution) =>
  d.status === 'ok' ? d.median : null;

/** The five tiles of a summary, with DORA bands of the chosen report year and the team's targets. */
export function tilesOf(
  s: FlowSummary,
  year: DoraReportYear,
  minimumSample: number,
  targets?: FlowTargets,
): Tile[] {
  const band = (metric: DoraMetricKey, v: number | null) =>
    v === null ? undefined : doraBand(year, metric, v);
  const df = s.deploymentFrequency;
  const lead = s.leadTimeHours;
  const rec = s.recoveryTimeHours;
  const cfr = s.changeFailRate;
  const rw = s.reworkRate;
  const leadV = distValue(lead);
  const recV = distValue(rec);
  const cfrV = cfr.status === 'ok' ? cfr.rate : null;
  const rwV = rw.status === 'ok' ? rw.rate : null;
  const atMost = (
    v: number | null,
    t: number | undefined,
    fmt: (x: number) => string,
  ) =>
    t === undefined || v === null
      ? undefined
      : { text: `target ≤ ${fmt(t)}`, met: v <= t };
  const dfOk = df.deployments >= minimumSample || df.deployments === 0;
  return [
    {
      key: 'deploymentFrequency',
      title: 'Deployment frequency',
      value: dfOk ? `${df.perDay} / day` : null,
      detail: `${df.deployments} deployments · ${df.deployDaysPerWeek} deploy days a week`,
      n: df.deployments,
      approximate: false,
      band: dfOk ? band('deploymentFrequency', df.perDay) : undefined,
      target:
        targets?.deploymentsPerDay === undefined
          ? undefined
          : {
              text: `target ≥ ${targets.deploymentsPerDay} / day`,
              met: df.perDay >= targets.deploymentsPerDay,
            },
      weekly: completeWeeks(s.trend).map(w => w.deployments),
      lowerIsBetter: false,
    },
    {
      key: 'leadTime',
      title: 'Change lead time',
      value: leadV === null ? null : formatHours(leadV),
      detail:
        lead.status === 'ok'
          ? `median of ${lead.n} changes · p75 ${formatHours(
              lead.p75,
            )} · p90 ${formatHours(lead.p90)}`
          : `${lead.n} changes`,
      n: lead.n,
      approximate: !!lead.approximate,
      band: band('leadTime', leadV),
      target: atMost(leadV, targets?.leadTimeHours, formatHours),
      weekly: completeWeeks(s.trend).map(w => w.leadTimeMedianHours),
      lowerIsBetter: true,
    },
    {
      key: 'changeFailRate',
      title: 'Change fail rate',
      value: cfrV === null ? null : percent(cfrV),
      detail:
        cfr.status === 'ok'
          ? `${cfr.numerator} of ${cfr.n} deployments failed`
          : `${cfr.n} deployments`,
      n: cfr.n,
      approximate: false,
      band: band('changeFailRate', cfrV),
      target: atMost(cfrV, targets?.changeFailRate, percent),
      weekly: completeWeeks(s.trend).map(w => w.changeFailRate),
      lowerIsBetter: true,
    },
    {
      key: 'recoveryTime',
      title: 'Failed deployment recovery time',
      value: recV === null ? null : formatHours(recV),
      detail:
        rec.status === 'ok'
          ? `median of ${rec.n} recoveries · p90 ${formatHours(rec.p90)}`
          : `${rec.n} recoveries`,
      n: rec.n,
      approximate: !!rec.approximate,
      band: band('recoveryTime', recV),
      target: atMost(recV, targets?.recoveryTimeHours, formatHours),
      weekly: completeWeeks(s.trend).map(w => w.recoveryMedianHours),
      lowerIsBetter: true,
    },
    {
      key: 'reworkRate',
      title: 'Deployment rework rate',
      value: rwV === null ? null : percent(rwV),
      detail:
        rw.status === 'ok'
          ? `${rw.numerator} of ${rw.n} deployments were rework`
          : `${rw.n} deployments`,
      n: rw.n,
      approximate: false,
      target: atMost(rwV, targets?.reworkRate, percent),
      weekly: completeWeeks(s.trend).map(w => w.reworkRate),
      lowerIsBetter: true,
    },
  ];
}

/** One sentence per metric, from the definitions in force. */
export function definitionOf(
  key: TileKey,
  d: {
    environment: string;
    leadTimeStart: string;
    failureWindowHours: number;
  },
) {
  const start = {
    'first-commit': 'the first commit',
    'pr-opened': 'the pull request opening',
    merged: 'the merge',
  }[d.leadTimeStart];
  switch (key) {
    case 'deploymentFrequency':
      return `Successful deployments to ${d.environment} (rollbacks included) per day, and days with a deployment per week.`;
    case 'leadTime':
      return `From ${start} to the ${d.environment} deployment that shipped the change (the one listing it, else the first successful one after the merge).`;
    case 'changeFailRate':
      return `Deployments that failed, were rolled back, shipped a reverted change, or caused an incident (linked explicitly, else starting within ${d.failureWindowHours} h) — over all deployments.`;
    case 'recoveryTime':
      return `From a failed deployment to the resolution of its incidents, else to the next successful deployment.`;
    default:
      return `Rollbacks and deployments shipping a hotfix-labelled change or a revert, over all deployments.`;
  }
}
