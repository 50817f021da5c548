/**
 * DORA's software delivery performance clusters, per report year, and the
 * band a team's number falls in. The values are those published in the
 * reports' "software delivery performance" tables:
 *
 * - 2021: Accelerate State of DevOps Report 2021 (DORA / Google Cloud), table
 *   "Software delivery performance" (four clusters; the three lower clusters
 *   share a change failure rate of 16–30 %).
 * - 2023: Accelerate State of DevOps Report 2023, "Software delivery
 *   performance" cluster table (change failure rates 5 %, 10 %, 15 %, 64 %).
 * - 2024: Accelerate State of DevOps Report 2024, "Software delivery
 *   performance levels" table (change failure rates 5 %, 20 %, 10 %, 40 %:
 *   the medium cluster fails less often than the high one).
 *
 * Ranges ("between once per day and once per week") become the threshold a
 * number has to meet; the 2023 and 2024 change failure rates are cluster
 * values, so a rate meets a cluster when it is at or below it. A number is
 * put in the best cluster whose threshold it meets.
 */

/** The DORA reports whose performance clusters Teamflow can show. @public */
export type DoraReportYear = 2021 | 2023 | 2024;
/** The report years, newest first. @public */
export const DORA_REPORT_YEARS: DoraReportYear[] = [2024, 2023, 2021];
/** A performance cluster of a DORA report. @public */
export type DoraBand = 'elite' | 'high' | 'medium' | 'low';

/** One band's limit for one metric, as a DORA report publishes it. @public */
export type DoraThreshold = {
  band: DoraBand;
  /** as published */
  label: string;
  /** deployments per day at least / hours below / rate at most */
  limit: number;
};

/**
 * One report's clusters: each metric's limits, best band first, and where they are published.
 *
 * @public
 */
export type DoraBandTable = {
  year: DoraReportYear;
  source: string;
  deploymentFrequency: DoraThreshold[];
  leadTime: DoraThreshold[];
  changeFailRate: DoraThreshold[];
  recoveryTime: DoraThreshold[];
};

const DAY = 24;
const WEEK = 7 * DAY;
const MONTH = 30 * DAY;
const SIX_MONTHS = 180 * DAY;

/** The clusters of each report, as published (sources named in each table). @public */
export const DORA_BANDS: Record<DoraReportYear, DoraBandTable> = {
  2021: {
    year: 2021,
    source: 'Accelerate State of DevOps Report 2021 (DORA, Google Cloud)',
    deploymentFrequency: [
      {
        band: 'elite',
        label: 'On-demand (multiple deploys per day)',
        limit: 1,
      },
      {
        band: 'high',
        label: 'Between once per week and once per month',
        limit: 1 / 30,
      },
      {
        band: 'medium',
        label: 'Between once per month and once every 6 months',
        limit: 1 / 180,
      },
      { band: 'low', label: 'Fewer than once per six months', limit: 0 },
    ],
    leadTime: [
      { band: 'elite', label: 'Less than one hour', limit: 1 },
      { band: 'high', label: 'Between one day and one week', limit: WEEK },
      {
        band: 'medium',
        label: 'Between one month and six months',
        limit: SIX_MONTHS,
      },
      { band: 'low', label: 'More than six months', limit: Infinity },
    ],
    changeFailRate: [
      { band: 'elite', label: '0–15%', limit: 0.15 },
      { band: 'high', label: '16–30%', limit: 0.3 },
      { band: 'medium', label: '16–30%', limit: 0.3 },
      { band: 'low', label: '16–30%', limit: 1 },
    ],
    recoveryTime: [
      { band: 'elite', label: 'Less than one hour', limit: 1 },
      { band: 'high', label: 'Less than one day', limit: DAY },
      { band: 'medium', label: 'Between one day and one week', limit: WEEK },
      { band: 'low', label: 'More than six months', limit: Infinity },
    ],
  },
  2023: {
    year: 2023,
    source: 'Accelerate State of DevOps Report 2023 (DORA, Google Cloud)',
    deploymentFrequency: [
      {
        band: 'elite',
        label: 'On demand (multiple deploys per day)',
        limit: 1,
      },
      {
        band: 'high',
        label: 'Between once per day and once per week',
        limit: 1 / 7,
      },
      {
        band: 'medium',
        label: 'Between once per week and once per month',
        limit: 1 / 30,
      },
      {
        band: 'low',
        label: 'Between once per week and once per month',
        limit: 0,
      },
    ],
    leadTime: [
      { band: 'elite', label: 'Less than one day', limit: DAY },
      { band: 'high', label: 'Between one day and one week', limit: WEEK },
      { band: 'medium', label: 'Between one week and one month', limit: MONTH },
      {
        band: 'low',
        label: 'Between one week and one month',
        limit: Infinity,
      },
    ],
    changeFailRate: [
      { band: 'elite', label: '5%', limit: 0.05 },
      { band: 'high', label: '10%', limit: 0.1 },
      { band: 'medium', label: '15%', limit: 0.15 },
      { band: 'low', label: '64%', limit: 1 },
    ],
    recoveryTime: [
      { band: 'elite', label: 'Less than one hour', limit: 1 },
      { band: 'high', label: 'Less than one day', limit: DAY },
      { band: 'medium', label: 'Between one day and one week', limit: WEEK },
      {
        band: 'low',
        label: 'Between one month and six months',
        limit: Infinity,
      },
    ],
  },
  2024: {
    year: 2024,
    source: 'Accelerate State of DevOps Report 2024 (DORA, Google Cloud)',
    deploymentFrequency: [
      {
        band: 'elite',
        label: 'On demand (multiple deploys per day)',
        limit: 1,
      },
      {
        band: 'high',
        label: 'Between once per day and once per week',
        limit: 1 / 7,
      },
      {
        band: 'medium',
        label: 'Between once per week and once per month',
        limit: 1 / 30,
      },
      {
        band: 'low',
        label: 'Between once per month and once every six months',
        limit: 0,
      },
    ],
    leadTime: [
      { band: 'elite', label: 'Less than one day', limit: DAY },
      { band: 'high', label: 'Between one day and one week', limit: WEEK },
      { band: 'medium', label: 'Between one week and one month', limit: MONTH },
      {
        band: 'low',
        label: 'Between one month and six months',
        limit: Infinity,
      },
    ],
    changeFailRate: [
      { band: 'elite', label: '5%', limit: 0.05 },
      { band: 'high', label: '20%', limit: 0.2 },
      { band: 'medium', label: '10%', limit: 0.1 },
      { band: 'low', label: '40%', limit: 1 },
    ],
    recoveryTime: [
      { band: 'elite', label: 'Less than one hour', limit: 1 },
      { band: 'high', label: 'Less than one day', limit: DAY },
      { band: 'medium', label: 'Less than one day', limit: DAY },
      {
        band: 'low',
        label: 'Between one week and one month',
        limit: Infinity,
      },
    ],
  },
};

/** The four metrics the reports band. @public */
export type DoraMetricKey =
  | 'deploymentFrequency'
  | 'leadTime'
  | 'changeFailRate'
  | 'recoveryTime';

/**
 * The best cluster of the report whose threshold the value meets:
 * deployments per day at least the limit, hours below it, a rate at or
 * below it.
 *
 * @public
 */
export function doraBand(
  year: DoraReportYear,
  metric: DoraMetricKey,
  value: number,
): { band: DoraBand; label: string } {
  const rows = DORA_BANDS[year][metric];
  const meets = (r: DoraThreshold) => {
    if (metric === 'deploymentFrequency') return value >= r.limit;
    if (metric === 'changeFailRate') return value <= r.limit;
    return value < r.limit;
  };
  const hit = rows.find(meets) ?? rows[rows.length - 1];
  return { band: hit.band, label: hit.label };
}
