/** The kinds of debt an item can be. @public */
export const DEBT_CATEGORIES = [
  'code',
  'architecture',
  'test',
  'infrastructure',
  'dependency',
  'documentation',
] as const;
/** A kind of debt. @public */
export type DebtCategory = (typeof DEBT_CATEGORIES)[number];

/** An item's states, from open to resolved. @public */
export const DEBT_STATUSES = [
  'open',
  'planned',
  'in-progress',
  'resolved',
] as const;
/** An item's state. @public */
export type DebtStatus = (typeof DEBT_STATUSES)[number];

/** Effort as T-shirt sizes, with the person-days each stands for. @public */
export const EFFORT_DAYS = { XS: 0.5, S: 2, M: 5, L: 15, XL: 40 } as const;
/** An effort's T-shirt size. @public */
export type DebtEffort = keyof typeof EFFORT_DAYS;

/** Impact on the business if left alone: 1 (minor) to 5 (critical). @public */
export const IMPACT_LABELS: Record<number, string> = {
  1: 'minor',
  2: 'noticeable',
  3: 'significant',
  4: 'severe',
  5: 'critical',
};

/** Kinds of entity that can carry debt. @public */
export const DEBT_ENTITY_KINDS = ['component', 'system', 'resource', 'api'];

/** A link of an item (an issue, a document), with an optional title. @public */
export type DebtLink = { url: string; title?: string };

/** What a person records. @public */
export type DebtItemInput = {
  entityRef: string;
  title: string;
  description?: string;
  category: DebtCategory;
  impact: number;
  effort: DebtEffort;
  /** Recurring cost: hours lost per month while the debt stays. */
  interestHoursPerMonth: number;
  status: DebtStatus;
  links: DebtLink[];
};

/** A stored item. @public */
export type DebtItem = DebtItemInput & {
  id: string;
  author: string;
  /** Increases on every change; an edit must name the version it started from. */
  version: number;
  createdAt: string;
  updatedAt: string;
  resolvedAt?: string;
  /** The signal it was created from, if any. */
  signalId?: string;
};

/** One change in an item's history. @public */
export type DebtItemChange = {
  version: number;
  changedBy: string;
  changedAt: string;
  /** Field → [before, after]; for creation, every field with before null. */
  changes: Record<string, [unknown, unknown]>;
  /** Why, in the words of whoever made the change (for example a resolution). */
  note?: string;
};

/** An automatically measured sign of debt. @public */
export type DebtSignal = {
  id: string;
  entityRef: string;
  source: 'sonarqube' | 'catalog' | string;
  kind: string;
  title: string;
  /** Source-specific figures, e.g. SonarQube's debt minutes and rating. */
  details: Record<string, string | number | boolean>;
  measuredAt: string;
};

/** A field of an item's input and what is wrong with it. @public */
export type FieldProblem = { field: string; message: string };

const FIELDS = [
  'entityRef',
  'title',
  'description',
  'category',
  'impact',
  'effort',
  'interestHoursPerMonth',
  'status',
  'links',
  'signalId',
];

/**
 * Checks an item as submitted: a complete one (`partial: false`) or the
 * changed fields of an edit. Every problem names its field; unknown fields
 * are refused.
 *
 * @public
 */
export function validateDebtItem(
  value: unknown,
  options: { partial: boolean },
): FieldProblem[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return [{ field: '', message: 'must be an object' }];
  }
  const v = value as Record<string, unknown>;
  const problems: FieldProblem[] = [];
  const add = (field: string, message: string) =>
    problems.push({ field, message });
  for (const key of Object.keys(v)) {
    if (!FIELDS.includes(key) && key !== 'version' && key !== 'note')
      add(key, 'is not a field of a debt item');
  }
  const has = (f: string) => v[f] !== undefined;
  const required = ['entityRef', 'title', 'category', 'impact', 'effort'];
  if (!options.partial) {
    for (const f of required) if (!has(f)) add(f, 'is required');
  }
  if (has('entityRef')) {
    const ref = v.entityRef;
    const match =
      typeof ref === 'string' && /^([a-z]+):([^/\s]+)\/([^\s]+)$/i.exec(ref);
    if (!match)
      add(
        'entityRef',
        'must be an entity ref such as component:default/checkout-service',
      );
    else if (!DEBT_ENTITY_KINDS.includes(match[1].toLowerCase())) {
      add(
        'entityRef',
        `must be a ${DEBT_ENTITY_KINDS.join(', ')}; got kind ${match[1]}`,
      );
    }
  }
  if (
    has('title') &&
    (typeof v.title !== 'string' || !v.title.trim() || v.title.length > 200)
  ) {
    add('title', 'must be 1 to 200 characters');
  }
  if (
    has('description') &&
    (typeof v.description !== 'string' || v.description.length > 10_000)
  ) {
    add('description', 'must be text of at most 10,000 characters');
  }
  if (
    has('category') &&
    !DEBT_CATEGORIES.includes(v.category as DebtCategory)
  ) {
    add('category', `must be one of ${DEBT_CATEGORIES.join(', ')}`);
  }
  if (
    has('impact') &&
    !(
      Number.isInteger(v.impact) &&
      (v.impact as number) >= 1 &&
      (v.impact as number) <= 5
    )
  ) {
    add('impact', 'must be an integer from 1 (minor) to 5 (critical)');
  }
  if (
    has('effort') &&
    !(typeof v.effort === 'string' && Object.hasOwn(EFFORT_DAYS, v.effort))
  ) {
    add('effort', `must be one of ${Object.keys(EFFORT_DAYS).join(', ')}`);
  }
  if (
    has('interestHoursPerMonth') &&
    !(
      typeof v.interestHoursPerMonth === 'number' &&
      v.interestHoursPerMonth >= 0 &&
      v.interestHoursPerMonth <= 1000
    )
  ) {
    add('interestHoursPerMonth', 'must be a number of hours from 0 to 1000');
  }
  if (has('note')) {
    if (!options.partial) add('note', 'belongs to a change, not a new item');
    else if (
      typeof v.note !== 'string' ||
      !v.note.trim() ||
      v.note.length > 500
    )
      add('note', 'must be 1 to 500 characters');
  }
  if (has('status') && !DEBT_STATUSES.includes(v.status as DebtStatus)) {
    add('status', `must be one of ${DEBT_STATUSES.join(', ')}`);
  }
  if (has('links')) {
    if (!Array.isArray(v.links) || v.links.length > 20)
      add('links', 'must be a list of at most 20 links');
    else {
      v.links.forEach((l: any, i: number) => {
        if (typeof l?.url !== 'string' || !/^https?:\/\/\S+$/.test(l.url)) {
          add(`links[${i}].url`, 'must be an http(s) URL');
        }
        if (l?.title !== undefined && typeof l.title !== 'string')
          add(`links[${i}].title`, 'must be text');
      });
    }
  }
  if (has('signalId') && typeof v.signalId !== 'string')
    add('signalId', 'must be a signal id');
  return problems;
}
