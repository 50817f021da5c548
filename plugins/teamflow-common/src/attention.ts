import { TeamType } from './vocabulary';

/**
 * "Teams needing attention": one row per team with every signal Teamflow
 * has about it, each judged by a rule written in the package README.
 */

/** How a signal reads: fine, worth watching, or a problem. @public */
export type AttentionLevel = 'ok' | 'watch' | 'problem';

/** The columns of the attention table, in order. @public */
export const ATTENTION_SIGNALS = [
  { key: 'structuralLoad', label: 'Structural load', source: 'teamflow' },
  { key: 'perceivedLoad', label: 'Perceived load', source: 'cognitiveLoad' },
  { key: 'debt', label: 'Debt score', source: 'techDebt' },
  {
    key: 'deploymentFrequency',
    label: 'Deployment frequency',
    source: 'delivery',
  },
  { key: 'leadTime', label: 'Lead time', source: 'delivery' },
  { key: 'changeFailRate', label: 'Change fail rate', source: 'delivery' },
  { key: 'recoveryTime', label: 'Recovery time', source: 'delivery' },
  { key: 'reworkRate', label: 'Rework rate', source: 'delivery' },
  { key: 'dependencies', label: 'Dependencies', source: 'teamflow' },
  { key: 'personas', label: 'Personas served', source: 'teamflow' },
] as const;

/** The key of one of the attention table's signals. @public */
export type AttentionSignalKey = (typeof ATTENTION_SIGNALS)[number]['key'];

/** The plugins whose numbers the table borrows. @public */
export type AttentionSource = 'delivery' | 'techDebt' | 'cognitiveLoad';

/** Whether a borrowed plugin answered, and why not. @public */
export type AttentionSourceStatus =
  | { status: 'ok' }
  | {
      status: 'not-installed' | 'not-permitted' | 'unavailable';
      message: string;
    };

/** One cell. @public */
export type AttentionSignal = {
  /** The number in the column's unit (null: no number, `text` says why). */
  value: number | null;
  /** What the page shows, as the page behind the cell shows it. */
  text: string;
  /** No level: nothing to judge (no data, or no published band). */
  level?: AttentionLevel;
  /** The rule that gave the level, in words. */
  reason?: string;
};

/** One team's row. @public */
export type AttentionRow = {
  teamRef: string;
  title: string;
  type: TeamType | 'undeclared';
  valueStream?: string;
  /** A signal is missing when its plugin did not answer (see `sources`). */
  signals: Partial<Record<AttentionSignalKey, AttentionSignal>>;
  personas: Array<{ ref: string; title: string }>;
  /** Signals at `problem`, then at `watch`, in column order. */
  problems: AttentionSignalKey[];
  watches: AttentionSignalKey[];
};

/** GET /attention answer. @public */
export type AttentionResponse = {
  generatedAt: string;
  sources: Record<AttentionSource, AttentionSourceStatus>;
  /** The delivery window the five delivery columns cover: from its first
   * midnight to the midnight after its last day (UTC). */
  deliveryWindow?: { from: string; to: string };
  /** The survey wave the perceived-load column comes from. */
  perceivedLoadWave?: { id: string; title: string };
  /** Most problems first, then most to watch, then by title. */
  teams: AttentionRow[];
};

/** Orders rows the way the table opens: most problems first. @public */
export function byNeedForAttention(a: AttentionRow, b: AttentionRow) {
  return (
    b.problems.length - a.problems.length ||
    b.watches.length - a.watches.length ||
    a.title.localeCompare(b.title, 'en')
  );
}

const csvField = (v: string) =>
  /[",\n\r]/.test(v) || /^[=+\-@\t]/.test(v)
    ? `"${(/^[=+\-@\t]/.test(v) ? `'${v}` : v).replace(/"/g, '""')}"`
    : v;

/**
 * The table as CSV (RFC 4180): one line per team, for each signal its number
 * and its level, then the problems. Text that a spreadsheet would run as a
 * formula (starting with `=`, `+`, `-` or `@`) is quoted with a leading apostrophe.
 *
 * @public
 */
export function attentionCsv(rows: AttentionRow[]): string {
  const header = [
    'team',
    'title',
    'type',
    'value stream',
    ...ATTENTION_SIGNALS.flatMap(s => [s.label, `${s.label} level`]),
    'problems',
    'to watch',
  ];
  const lines = rows.map(r => [
    r.teamRef,
    r.title,
    r.type,
    r.valueStream ?? '',
    ...ATTENTION_SIGNALS.flatMap(s => {
      const signal = r.signals[s.key];
      if (!signal) return ['', ''];
      return [
        signal.value === null ? signal.text : String(signal.value),
        signal.level ?? '',
      ];
    }),
    r.problems.length ? String(r.problems.length) : '0',
    r.watches.length ? String(r.watches.length) : '0',
  ]);
  return `${[header, ...lines]
    .map(l => l.map(csvField).join(','))
    .join('\r\n')}\r\n`;
}
