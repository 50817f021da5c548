import {
  DebtItemChange,
  DebtItemInput,
} from '@teamflow/plugin-tech-debt-common';
import { DebtItemView } from '../api/TechDebtApi';

/** What the item form holds: every field as the text its input shows. */
export type Draft = {
  title: string;
  description: string;
  category: string;
  impact: string;
  effort: string;
  interestHoursPerMonth: string;
  status: string;
  /** The first link's address: the one the form shows. */
  link: string;
  /** The item's links as stored: the form keeps those it does not show. */
  links: NonNullable<DebtItemInput['links']>;
  signalId?: string;
};

/** A new item's form: the middle of each scale, nothing lost per month yet. */
export const emptyDraft: Draft = {
  title: '',
  description: '',
  category: 'code',
  impact: '3',
  effort: 'M',
  interestHoursPerMonth: '0',
  status: 'open',
  link: '',
  links: [],
};

/** The form for editing an item. */
export const draftOf = (i: DebtItemView): Draft => ({
  title: i.title,
  description: i.description ?? '',
  category: i.category,
  impact: String(i.impact),
  effort: i.effort,
  interestHoursPerMonth: String(i.interestHoursPerMonth),
  status: i.status,
  link: i.links[0]?.url ?? '',
  links: i.links,
});

/** The form as the API takes it, validated by the same rules as the backend. */
export const inputOf = (
  d: Draft,
  entityRef: string,
): Partial<DebtItemInput> => ({
  entityRef,
  title: d.title,
  description: d.description || undefined,
  category: d.category as DebtItemInput['category'],
  impact: Number(d.impact),
  effort: d.effort as DebtItemInput['effort'],
  interestHoursPerMonth: Number(d.interestHoursPerMonth),
  status: d.status as DebtItemInput['status'],
  links: [
    // The shown link, with its title while its address is unchanged.
    ...(d.link
      ? [d.links[0]?.url === d.link ? d.links[0] : { url: d.link }]
      : []),
    ...d.links.slice(1),
  ],
});

/**
 * The fields an edit changes, and only those: the PATCH carries what the
 * person changed, so the item's history names it and nothing else. The
 * entity never changes.
 */
export function changedFields(
  item: DebtItemView,
  input: Partial<DebtItemInput>,
): Partial<DebtItemInput> {
  return Object.fromEntries(
    Object.entries(input).filter(
      ([k, v]) =>
        k !== 'entityRef' &&
        JSON.stringify((item as Record<string, unknown>)[k]) !==
          JSON.stringify(v),
    ),
  );
}

/**
 * One line of an item's history: its creation by title and status, a change
 * field by field as before → after (— for none).
 */
export function describeChange(h: DebtItemChange): string {
  return Object.entries(h.changes)
    .filter(([field]) => h.version > 1 || ['title', 'status'].includes(field))
    .map(([field, [before, after]]) =>
      h.version === 1
        ? `${field}: ${after}`
        : `${field}: ${before ?? '—'} → ${after ?? '—'}`,
    )
    .join('; ');
}
