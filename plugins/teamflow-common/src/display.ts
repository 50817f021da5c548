/**
 * How every Teamflow page writes dates, team types, interaction modes and
 * other enumerated words, so one value reads the same on every page.
 */
import {
  INTERACTION_MODES,
  InteractionMode,
  TEAM_TYPE_TITLES,
  TeamType,
} from './vocabulary';

const MONTHS = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
];

function toDate(value: string | number | Date): Date | undefined {
  if (value instanceof Date) return isNaN(value.getTime()) ? undefined : value;
  if (typeof value === 'number') return new Date(value);
  // A bare calendar day is that day, whatever the reader's time zone.
  const text = /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value;
  const d = new Date(text);
  return isNaN(d.getTime()) ? undefined : d;
}

/**
 * A calendar day as Teamflow writes it everywhere: `30 Nov 2026` (UTC, the
 * day the backends count in). Unreadable input is returned as given.
 *
 * @public
 */
export function formatDay(value: string | number | Date): string {
  const d = toDate(value);
  if (!d) return String(value);
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

/**
 * A moment as Teamflow writes it everywhere: `30 Nov 2026, 14:05 UTC`.
 *
 * @public
 */
export function formatDateTime(value: string | number | Date): string {
  const d = toDate(value);
  if (!d) return String(value);
  const hh = String(d.getUTCHours()).padStart(2, '0');
  const mm = String(d.getUTCMinutes()).padStart(2, '0');
  return `${formatDay(d)}, ${hh}:${mm} UTC`;
}

/**
 * A team type's display name (`Stream-aligned`, `Complicated-subsystem`),
 * spelt as Skelton and Pais spell it, capitalised once.
 *
 * @public
 */
export function teamTypeTitle(type: string | undefined): string {
  return (
    TEAM_TYPE_TITLES[(type ?? 'undeclared') as TeamType | 'undeclared'] ??
    sentenceCase(type ?? '')
  );
}

/** Display names of the interaction modes, as Team Topologies writes them. @public */
export const INTERACTION_MODE_TITLES: Record<InteractionMode, string> = {
  collaboration: 'Collaboration',
  'x-as-a-service': 'X-as-a-Service',
  facilitating: 'Facilitating',
};

/** An interaction mode's title ("X-as-a-Service"); any other value in sentence case. @public */
export function interactionModeTitle(mode: string): string {
  return (INTERACTION_MODES as readonly string[]).includes(mode)
    ? INTERACTION_MODE_TITLES[mode as InteractionMode]
    : sentenceCase(mode);
}

/**
 * An enumerated value written for people: `in-progress` → `In progress`,
 * `end-user` → `End user`, `internal-developer` → `Internal developer`.
 *
 * @public
 */
export function sentenceCase(value: string): string {
  const words = value.replace(/[-_]+/g, ' ').trim();
  return words ? words[0].toUpperCase() + words.slice(1) : words;
}

/**
 * A value stream as a heading writes it: `partner-billing` → `Partner billing`.
 * Value streams are free-text labels on the teams; every page shows them
 * through this so the map, the overview and the attention table agree.
 *
 * @public
 */
export function valueStreamTitle(valueStream: string): string {
  return sentenceCase(valueStream);
}

/**
 * The name part of an entity ref, for the rare place that cannot look the
 * entity up: `user:default/jonas.keller` → `jonas.keller`. Pages show
 * titles through the catalog's entity presentation wherever they can.
 *
 * @public
 */
export function refName(ref: string): string {
  const slash = ref.lastIndexOf('/');
  const colon = ref.indexOf(':');
  return ref.slice(Math.max(slash, colon) + 1);
}

/**
 * JSS for the element around an MUI table: cells break between words only
 * (Backstage's theme sets `word-break: break-word` on every table cell, which
 * lets an auto-sized column shrink to one letter a line), and the table
 * scrolls sideways when the page is narrower than its words.
 *
 * @public
 */
export const READABLE_TABLE_STYLES = {
  root: {
    overflowX: 'auto',
    '& th, & td': { wordBreak: 'normal', overflowWrap: 'normal' },
  },
} as const;
