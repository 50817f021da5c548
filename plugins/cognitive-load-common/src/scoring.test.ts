import {
  DEFAULT_INSTRUMENT,
  validateAnswers,
  validateInstrument,
} from './instrument';
import { itemScore, scoreGroup, scoreRespondent, spreadBand } from './scoring';
import { Instrument, InstrumentItem } from './types';

const item = (
  subscale: InstrumentItem['subscale'],
  polarity: InstrumentItem['polarity'],
  id = 'x',
): InstrumentItem => ({ id, subscale, polarity, text: id });

describe('itemScore', () => {
  it.each([
    // (s − 1) / 4 × 100 for a negative load statement
    ['intrinsic', 'negative', 1, 0],
    ['intrinsic', 'negative', 3, 50],
    ['intrinsic', 'negative', 4, 75],
    ['intrinsic', 'negative', 5, 100],
    // reversed for a positive one
    ['extraneous', 'positive', 5, 0],
    ['extraneous', 'positive', 2, 75],
    // germane is headroom: agreeing with a positive statement is headroom
    ['germane', 'positive', 5, 100],
    ['germane', 'positive', 2, 25],
    ['germane', 'negative', 5, 0],
    ['germane', 'negative', 2, 75],
  ] as const)(
    '%s %s answered %i scores %d',
    (subscale, polarity, s, expected) => {
      expect(itemScore(item(subscale, polarity), s)).toBe(expected);
    },
  );
});

const small: Instrument = {
  id: 'small',
  version: 1,
  title: 'Small',
  items: [
    item('intrinsic', 'negative', 'a1'),
    item('intrinsic', 'positive', 'a2'),
    item('extraneous', 'negative', 'b1'),
    item('extraneous', 'negative', 'b2'),
    item('flow', 'positive', 'c1'),
    item('flow', 'negative', 'c2'),
    item('germane', 'positive', 'g1'),
    item('germane', 'negative', 'g2'),
  ],
};

describe('scoreRespondent', () => {
  it('averages answered statements per subscale and leaves germane out of load', () => {
    expect(
      scoreRespondent(small, {
        a1: 4, // 75
        a2: 2, // 75 (reversed)
        b1: 5, // 100
        b2: null, // not applicable
        c1: null,
        c2: null, // no flow value at all
        g1: 4, // 75 headroom
        g2: 2, // 75 headroom (reversed)
      }),
    ).toEqual({
      intrinsic: 75,
      extraneous: 100,
      germane: 75,
      // mean of intrinsic and extraneous only: (75 + 100) / 2
      load: 87.5,
    });
  });
});

describe('scoreGroup', () => {
  const only = (a1: number | null, b1: number | null = 3) => ({ a1, b1 });

  it('publishes the median in whole points and n, never quartiles', () => {
    // intrinsic per respondent: 0, 25, 50, 100 (a1 negative: (s − 1) × 25)
    const scores = scoreGroup(small, [only(1), only(2), only(3), only(5)], 3);
    expect(scores.n).toBe(4);
    // sorted 0, 25, 50, 100: median at rank 1.5 = 37.5, published as 38;
    // 4 people < 2k = 6: no spread
    expect(scores.subscales.intrinsic).toEqual({ median: 38, n: 4 });
    // extraneous is 50 for everyone (b1 = 3)
    expect(scores.subscales.extraneous).toEqual({ median: 50, n: 4 });
    // load = mean(intrinsic, extraneous): 25, 37.5, 50, 75 → median 43.75
    expect(scores.load).toEqual({ median: 44, n: 4 });
    expect(scores.subscales.flow).toBeUndefined();
    expect(scores.withheld).toEqual([]);
  });

  it('gives a spread band only from 2k people', () => {
    // intrinsic: 0, 0, 25, 50, 75, 100 → p25 at rank 1.25 = 6.25, p75 at
    // 3.75 = 93.75, IQR 87.5: wide
    const six = [1, 1, 2, 3, 4, 5].map(a => only(a));
    expect(scoreGroup(small, six, 3).subscales.intrinsic).toEqual({
      median: 38,
      n: 6,
      spread: 'wide',
    });
    expect(scoreGroup(small, six, 3).subscales.extraneous?.spread).toBe(
      'narrow',
    );
    // the same six people with k = 4 need 8 for a spread
    expect(scoreGroup(small, six, 4).subscales.intrinsic).toEqual({
      median: 38,
      n: 6,
    });
  });

  it('withholds a subscale fewer than k people answered ("not applicable" padding)', () => {
    // Three people, but only two answered intrinsic.
    const scores = scoreGroup(small, [only(1), only(5), only(null)], 3);
    expect(scores.n).toBe(3);
    expect(scores.subscales.intrinsic).toBeUndefined();
    expect(scores.subscales.extraneous).toEqual({ median: 50, n: 3 });
    expect(scores.withheld).toEqual(['intrinsic']);
  });
});

describe('spreadBand', () => {
  it.each([
    [0, 'narrow'],
    [14.9, 'narrow'],
    [15, 'moderate'],
    [29.9, 'moderate'],
    [30, 'wide'],
  ] as const)('IQR %d is %s', (iqr, band) => {
    expect(spreadBand(iqr)).toBe(band);
  });
});

describe('the default instrument', () => {
  it('is valid, 18 statements, with both polarities in every subscale', () => {
    expect(validateInstrument(DEFAULT_INSTRUMENT)).toEqual([]);
    expect(DEFAULT_INSTRUMENT.items).toHaveLength(18);
    for (const subscale of ['intrinsic', 'extraneous', 'flow', 'germane']) {
      const polarities = new Set(
        DEFAULT_INSTRUMENT.items
          .filter(i => i.subscale === subscale)
          .map(i => i.polarity),
      );
      expect([subscale, [...polarities].sort()]).toEqual([
        subscale,
        ['negative', 'positive'],
      ]);
    }
  });
});

describe('validateInstrument', () => {
  it('names every problem', () => {
    expect(
      validateInstrument({
        id: 'Bad Id',
        version: 0,
        title: '',
        items: [
          item('intrinsic', 'negative', 'a'),
          item('intrinsic', 'negative', 'a'),
          { id: 'b', text: 'b', subscale: 'mood', polarity: 'negative' },
          { id: 'c', text: 'c', subscale: 'flow', polarity: 'up' },
        ],
      }),
    ).toEqual([
      {
        field: 'id',
        message:
          'must be lower-case letters, digits and dashes, at most 63 characters',
      },
      { field: 'version', message: 'must be a positive integer' },
      { field: 'title', message: 'must be a non-empty string' },
      { field: 'items[1].id', message: "duplicates the id 'a'" },
      {
        field: 'items[2].subscale',
        message: 'must be one of intrinsic, extraneous, flow, germane',
      },
      { field: 'items[3].polarity', message: 'must be positive or negative' },
      {
        field: 'items',
        message: 'subscale flow has 1 statement; use at least 2 or none',
      },
    ]);
    expect(validateInstrument('x')).toEqual([
      { field: '', message: 'must be an object' },
    ]);
  });
});

describe('validateAnswers', () => {
  const all = (v: number | null) =>
    Object.fromEntries(small.items.map(i => [i.id, v]));
  it.each([
    ['every statement answered', all(3), []],
    ['all but one not applicable', { ...all(null), a1: 2 }, []],
    [
      'nothing but not applicable',
      all(null),
      [{ field: 'answers', message: 'answer at least one statement' }],
    ],
    [
      'out of range, fractional and text',
      { ...all(3), a1: 6, a2: 2.5, b1: 'yes' },
      [
        {
          field: 'answers.a1',
          message: 'must be an integer from 1 to 5 or null, got 6',
        },
        {
          field: 'answers.a2',
          message: 'must be an integer from 1 to 5 or null, got 2.5',
        },
        {
          field: 'answers.b1',
          message: 'must be an integer from 1 to 5 or null, got "yes"',
        },
      ],
    ],
    [
      'a missing and an unknown statement',
      { ...all(3), g2: undefined, zz: 3 },
      [
        { field: 'answers.zz', message: 'is not a statement of small v1' },
        {
          field: 'answers.g2',
          message: 'is missing: answer 1–5 or null for not applicable',
        },
      ],
    ],
    [
      'not an object',
      [1, 2],
      [
        {
          field: 'answers',
          message: 'must be an object of statement id to 1–5 or null',
        },
      ],
    ],
  ])('%s', (_name, answers, expected) => {
    expect(validateAnswers(small, answers)).toEqual(expected);
  });
});
