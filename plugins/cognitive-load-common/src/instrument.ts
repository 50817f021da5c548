import { Instrument, InstrumentItem, SUBSCALES } from './types';

/**
 * Teamflow's own instrument, written for this project: 18 statements on a
 * 5-point agreement scale plus "not applicable", 5 per load subscale and 3 for
 * learning headroom, with positive and negative statements mixed in each so
 * that agreeing with everything does not read as "overloaded".
 *
 * @public
 */
export const DEFAULT_INSTRUMENT: Instrument = {
  id: 'teamflow-default',
  version: 1,
  title: 'Teamflow team cognitive load, v1',
  items: [
    {
      id: 'i1',
      subscale: 'intrinsic',
      polarity: 'negative',
      text: 'The problems our team works on need knowledge that takes months to build up.',
    },
    {
      id: 'i2',
      subscale: 'intrinsic',
      polarity: 'negative',
      text: 'We have to keep many different technologies and business areas in our heads at once.',
    },
    {
      id: 'i3',
      subscale: 'intrinsic',
      polarity: 'positive',
      text: "Our team's area of responsibility is clear and small enough to hold in our heads.",
    },
    {
      id: 'i4',
      subscale: 'intrinsic',
      polarity: 'negative',
      text: 'The business rules in our systems are hard to follow, even for experienced team members.',
    },
    {
      id: 'i5',
      subscale: 'intrinsic',
      polarity: 'positive',
      text: 'A new team member could understand our main services within a few weeks.',
    },
    {
      id: 'e1',
      subscale: 'extraneous',
      polarity: 'negative',
      text: 'Getting a change to production involves manual steps or waiting on tickets.',
    },
    {
      id: 'e2',
      subscale: 'extraneous',
      polarity: 'negative',
      text: 'We spend a noticeable part of our week fighting tooling, environments or pipelines.',
    },
    {
      id: 'e3',
      subscale: 'extraneous',
      polarity: 'positive',
      text: 'We can provision what we need (environments, databases, access) by ourselves.',
    },
    {
      id: 'e4',
      subscale: 'extraneous',
      polarity: 'negative',
      text: 'Incidents and support requests often interrupt our planned work.',
    },
    {
      id: 'e5',
      subscale: 'extraneous',
      polarity: 'positive',
      text: 'Documentation and platform guides answer most of our questions without asking anyone.',
    },
    {
      id: 'f1',
      subscale: 'flow',
      polarity: 'negative',
      text: 'We regularly wait for other teams before we can finish our work.',
    },
    {
      id: 'f2',
      subscale: 'flow',
      polarity: 'negative',
      text: 'We spend a lot of time in coordination meetings with other teams.',
    },
    {
      id: 'f3',
      subscale: 'flow',
      polarity: 'positive',
      text: 'How we work with each other team (as a service, collaborating, being helped) is clear.',
    },
    {
      id: 'f4',
      subscale: 'flow',
      polarity: 'positive',
      text: "We can deliver most changes without changing another team's code.",
    },
    {
      id: 'f5',
      subscale: 'flow',
      polarity: 'negative',
      text: 'Priorities from different stakeholders pull our team in different directions.',
    },
    {
      id: 'g1',
      subscale: 'germane',
      polarity: 'positive',
      text: 'We have time to learn and to improve how we work.',
    },
    {
      id: 'g2',
      subscale: 'germane',
      polarity: 'positive',
      text: 'We can try new approaches without putting our commitments at risk.',
    },
    {
      id: 'g3',
      subscale: 'germane',
      polarity: 'negative',
      text: 'Improvement work is the first thing we drop when we are busy.',
    },
  ],
};

/** A problem with an instrument or answers, naming the field. @public */
export type FieldProblem = { field: string; message: string };

/**
 * Checks an instrument, e.g. one an organisation supplies in config: id,
 * positive integer version, 4 to 40 items with unique ids, known subscales,
 * polarities, and at least two items per subscale used.
 *
 * @public
 */
export function validateInstrument(value: unknown): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const add = (field: string, message: string) =>
    problems.push({ field, message });
  if (typeof value !== 'object' || value === null) {
    return [{ field: '', message: 'must be an object' }];
  }
  const v = value as Record<string, unknown>;
  if (typeof v.id !== 'string' || !/^[a-z0-9][a-z0-9-]{0,62}$/.test(v.id)) {
    add(
      'id',
      'must be lower-case letters, digits and dashes, at most 63 characters',
    );
  }
  if (!Number.isInteger(v.version) || (v.version as number) < 1) {
    add('version', 'must be a positive integer');
  }
  if (typeof v.title !== 'string' || v.title.trim() === '') {
    add('title', 'must be a non-empty string');
  }
  if (!Array.isArray(v.items) || v.items.length < 4 || v.items.length > 40) {
    add('items', 'must be a list of 4 to 40 statements');
    return problems;
  }
  const ids = new Set<string>();
  const perSubscale = new Map<string, number>();
  v.items.forEach((raw, i) => {
    const item = (raw ?? {}) as Partial<InstrumentItem>;
    const at = `items[${i}]`;
    if (typeof item.id !== 'string' || !/^[A-Za-z0-9_-]{1,32}$/.test(item.id)) {
      add(`${at}.id`, 'must be 1 to 32 letters, digits, dashes or underscores');
    } else if (ids.has(item.id)) {
      add(`${at}.id`, `duplicates the id '${item.id}'`);
    } else {
      ids.add(item.id);
    }
    if (typeof item.text !== 'string' || item.text.trim() === '') {
      add(`${at}.text`, 'must be a non-empty string');
    }
    if (!SUBSCALES.includes(item.subscale as any)) {
      add(`${at}.subscale`, `must be one of ${SUBSCALES.join(', ')}`);
    } else {
      perSubscale.set(
        item.subscale!,
        (perSubscale.get(item.subscale!) ?? 0) + 1,
      );
    }
    if (item.polarity !== 'positive' && item.polarity !== 'negative') {
      add(`${at}.polarity`, 'must be positive or negative');
    }
  });
  for (const [subscale, count] of perSubscale) {
    if (count < 2) {
      add(
        'items',
        `subscale ${subscale} has ${count} statement; use at least 2 or none`,
      );
    }
  }
  return problems;
}

/**
 * Checks a respondent's answers against an instrument: every statement
 * answered with an integer 1–5 or null ("not applicable"), no unknown ids,
 * and at least one statement answered with a number.
 *
 * @public
 */
export function validateAnswers(
  instrument: Instrument,
  value: unknown,
): FieldProblem[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return [
      {
        field: 'answers',
        message: 'must be an object of statement id to 1–5 or null',
      },
    ];
  }
  const answers = value as Record<string, unknown>;
  const problems: FieldProblem[] = [];
  const known = new Set(instrument.items.map(i => i.id));
  for (const key of Object.keys(answers)) {
    if (!known.has(key)) {
      problems.push({
        field: `answers.${key}`,
        message: `is not a statement of ${instrument.id} v${instrument.version}`,
      });
    }
  }
  for (const item of instrument.items) {
    const a = answers[item.id];
    if (a === undefined) {
      problems.push({
        field: `answers.${item.id}`,
        message: 'is missing: answer 1–5 or null for not applicable',
      });
    } else if (
      a !== null &&
      !(Number.isInteger(a) && (a as number) >= 1 && (a as number) <= 5)
    ) {
      problems.push({
        field: `answers.${item.id}`,
        message: `must be an integer from 1 to 5 or null, got ${JSON.stringify(
          a,
        )}`,
      });
    }
  }
  if (
    problems.length === 0 &&
    instrument.items.every(i => answers[i.id] === null)
  ) {
    problems.push({
      field: 'answers',
      message: 'answer at least one statement',
    });
  }
  return problems;
}
