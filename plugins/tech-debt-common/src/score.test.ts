import { debtScore, isQuickWin } from './score';
import { validateDebtItem } from './model';

describe('debtScore', () => {
  it.each([
    // impact, interest h/month, effort, score, quick win
    // value 40 + 8 × 2.5 = 60; / √2 = 42.43
    [4, 8, 'S', 42.4, true],
    // value 50 + min(50, 60) = 100; / √40 = 15.81
    [5, 24, 'XL', 15.8, false],
    // value 10 + 0 = 10; / √0.5 = 14.14: small, but not worth much
    [1, 0, 'XS', 14.1, false],
    // value 30 + 5 = 35; / √5 = 15.65
    [3, 2, 'M', 15.7, false],
    // value 20 + 10 = 30; / √0.5 = 42.43
    [2, 4, 'XS', 42.4, true],
    // value 30 + 0 = 30; / √2 = 21.21: small effort, score below 30
    [3, 0, 'S', 21.2, false],
    // value 50 + 50 = 100; / √15 = 25.82
    [5, 100, 'L', 25.8, false],
  ] as const)(
    'impact %i, %i h/month, effort %s: %d',
    (impact, interest, effort, score, quick) => {
      const item = { impact, interestHoursPerMonth: interest, effort };
      expect(debtScore(item)).toBe(score);
      expect(isQuickWin(item)).toBe(quick);
    },
  );

  it('weighs debt in services that change or fail often more', () => {
    expect(
      debtScore({ impact: 4, interestHoursPerMonth: 8, effort: 'S' }, 1.5),
    ).toBe(63.6);
  });
});

describe('validateDebtItem', () => {
  const valid = {
    entityRef: 'component:default/checkout-service',
    title: 'Payment retries hand-rolled',
    category: 'code',
    impact: 3,
    effort: 'M',
    interestHoursPerMonth: 6,
    status: 'open',
    links: [{ url: 'https://tickets.example/DEBT-1' }],
  };
  it('accepts a complete item and a partial edit', () => {
    expect(validateDebtItem(valid, { partial: false })).toEqual([]);
    expect(
      validateDebtItem({ status: 'resolved', version: 3 }, { partial: true }),
    ).toEqual([]);
  });
  it('names every problem', () => {
    expect(
      validateDebtItem(
        {
          entityRef: 'group:default/checkout',
          title: '',
          category: 'style',
          impact: 6,
          effort: 'XXL',
          interestHoursPerMonth: -1,
          status: 'done',
          links: [{ url: 'ftp://x' }],
          colour: 'red',
        },
        { partial: false },
      ),
    ).toEqual([
      { field: 'colour', message: 'is not a field of a debt item' },
      {
        field: 'entityRef',
        message: 'must be a component, system, resource, api; got kind group',
      },
      { field: 'title', message: 'must be 1 to 200 characters' },
      {
        field: 'category',
        message:
          'must be one of code, architecture, test, infrastructure, dependency, documentation',
      },
      {
        field: 'impact',
        message: 'must be an integer from 1 (minor) to 5 (critical)',
      },
      { field: 'effort', message: 'must be one of XS, S, M, L, XL' },
      {
        field: 'interestHoursPerMonth',
        message: 'must be a number of hours from 0 to 1000',
      },
      {
        field: 'status',
        message: 'must be one of open, planned, in-progress, resolved',
      },
      { field: 'links[0].url', message: 'must be an http(s) URL' },
    ]);
    expect(
      validateDebtItem({ title: 'x' }, { partial: false }).map(p => p.field),
    ).toEqual(['entityRef', 'category', 'impact', 'effort']);
  });
  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty'])(
    'refuses the effort %s, a name every object inherits, as it refuses XXL',
    effort => {
      expect(
        validateDebtItem({ ...valid, effort }, { partial: false }),
      ).toEqual([
        { field: 'effort', message: 'must be one of XS, S, M, L, XL' },
      ]);
      expect(validateDebtItem({ effort }, { partial: true })).toEqual([
        { field: 'effort', message: 'must be one of XS, S, M, L, XL' },
      ]);
    },
  );
});
