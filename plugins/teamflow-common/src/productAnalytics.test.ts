import {
  featureMatcher,
  personaForTraits,
  PersonaRules,
  weekOf,
} from './productAnalytics';
import {
  validateFeature,
  validatePersona,
  validateTeamflowMetadata,
} from './validation';

const personas: PersonaRules[] = [
  { persona: 'persona:default/family', rules: [{ household: 'family' }] },
  {
    persona: 'persona:default/big-family',
    rules: [{ household: 'family', householdSize: { gte: 4 } }],
  },
  {
    persona: 'persona:default/bargain',
    rules: [{ plan: ['saver', 'free'] }, { couponsUsed: { gte: 10 } }],
  },
  { persona: 'persona:default/b2b', rules: [{ company: { exists: true } }] },
];

describe('personaForTraits', () => {
  it.each([
    [{ household: 'family', householdSize: 2 }, 'persona:default/family'],
    // The more specific rule wins.
    [{ household: 'Family', householdSize: '5' }, 'persona:default/big-family'],
    [{ plan: 'saver' }, 'persona:default/bargain'],
    [{ couponsUsed: 12 }, 'persona:default/bargain'],
    [{ couponsUsed: 9 }, undefined],
    [{ couponsUsed: 'many' }, undefined],
    [{ company: 'Acme' }, 'persona:default/b2b'],
    [{ company: '' }, undefined],
    // One condition each: the alphabetically first persona, whatever the order.
    [{ plan: 'free', company: 'Acme' }, 'persona:default/b2b'],
    [{}, undefined],
  ])('%j → %s', (traits, expected) => {
    expect(personaForTraits(personas, traits)).toBe(expected);
    expect(personaForTraits([...personas].reverse(), traits)).toBe(expected);
  });
});

describe('featureMatcher', () => {
  const match = featureMatcher([
    {
      feature: 'feature:default/reorder',
      analytics: {
        events: ['Reorder Clicked'],
        success: ['Reorder Basket Submitted'],
        failure: ['Reorder Failed'],
        happiness: { event: 'Reorder Rated', property: 'score' },
      },
    },
    { feature: 'feature:default/search', analytics: { events: ['Search *'] } },
    { feature: 'feature:default/none' },
  ]);

  it('recognises use, success, failure and happiness, case-insensitively', () => {
    expect(match('reorder clicked')).toEqual([
      { feature: 'feature:default/reorder', success: false, failure: false },
    ]);
    expect(match('Reorder Basket Submitted')[0].success).toBe(true);
    expect(match('Reorder Failed')[0].failure).toBe(true);
    expect(match('Reorder Rated')[0].scoreProperty).toBe('score');
  });

  it('matches patterns, and nothing else', () => {
    expect(match('Search Performed').map(h => h.feature)).toEqual([
      'feature:default/search',
    ]);
    expect(match('Search')).toEqual([]);
    expect(match('Basket Viewed')).toEqual([]);
    expect(match('Search (Performed)').length).toBe(1);
  });
});

describe('weekOf', () => {
  it.each([
    ['2026-11-30', '2026-11-30'], // a Monday
    ['2026-12-06', '2026-11-30'], // the Sunday after
    ['2026-12-07', '2026-12-07'],
    ['2027-01-01', '2026-12-28'], // across the year
  ])('%s is in the week of %s', (day, monday) => {
    expect(weekOf(day)).toBe(monday);
  });
});

describe('analytics in the model', () => {
  const persona = (analytics: unknown) => ({
    apiVersion: 'teamflow.io/v1alpha1',
    kind: 'Persona',
    metadata: { name: 'p' },
    spec: {
      type: 'end-user',
      owner: 'group:default/discovery',
      lifecycle: 'validated',
      analytics,
    },
  });

  it('accepts rules of values, lists and bounds', () => {
    expect(
      validatePersona(
        persona({
          rules: [{ plan: 'saver', size: { gte: 3, lte: 9 }, tier: [1, 2] }],
        }) as any,
      ),
    ).toEqual([]);
  });

  it('names the field of a bad rule', () => {
    expect(
      validatePersona(
        persona({
          rules: [{}, { plan: { above: 3 } }, { size: { gte: 'three' } }, 'x'],
        }) as any,
      ),
    ).toEqual([
      {
        field: 'spec.analytics.rules[0]',
        message: 'must name at least one trait and its condition',
      },
      {
        field: 'spec.analytics.rules[1].plan',
        message:
          'must be a value, a list of values or an object of gte, lte and exists; unknown above',
      },
      {
        field: 'spec.analytics.rules[2].size.gte',
        message: "must be a number, got 'three'",
      },
      {
        field: 'spec.analytics.rules[3]',
        message: "must be an object, got 'x'",
      },
    ]);
  });

  it('names the field of a bad happiness declaration on a feature', () => {
    expect(
      validateFeature({
        apiVersion: 'teamflow.io/v1alpha1',
        kind: 'Feature',
        metadata: { name: 'f' },
        spec: {
          owner: 'group:default/discovery',
          lifecycle: 'launched',
          analytics: { success: ['Done', 3], happiness: { event: 'Rated' } },
        },
      }),
    ).toEqual([
      {
        field: 'spec.analytics.success[1]',
        message: 'must be a non-empty string, got number',
      },
      { field: 'spec.analytics.happiness.property', message: 'is required' },
    ]);
  });
});

describe("a Domain's North Star", () => {
  const domain = (northStar: unknown) => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Domain',
    metadata: { name: 'shopping' },
    spec: { owner: 'group:default/shopping', northStar },
  });
  const input = {
    name: 'Families reordering',
    source: { feature: 'feature:default/reorder', figure: 'activeUsers' },
    movedBy: ['feature:default/reorder'],
  };

  it('accepts a series or a feature figure, with 1 to 5 inputs', () => {
    expect(
      validateTeamflowMetadata(
        domain({
          name: 'Weekly shops',
          source: { series: 'shops' },
          inputs: [input],
        }) as any,
      ),
    ).toEqual([]);
  });

  it('names the field of each mistake', () => {
    expect(
      validateTeamflowMetadata(
        domain({
          name: 'Weekly shops',
          source: { feature: 'component:default/app', figure: 'clicks' },
          inputs: [
            {
              name: 'x',
              source: { series: '../x' },
              movedBy: ['persona:default/p'],
            },
            {
              source: {
                feature: 'reorder',
                figure: 'events',
                persona: 'group:default/g',
              },
            },
          ],
        }) as any,
      ),
    ).toEqual([
      {
        field: 'spec.northStar.source.feature',
        message: "must refer to a Feature, got 'component:default/app'",
      },
      {
        field: 'spec.northStar.source.figure',
        message:
          "must be one of activeUsers, events, newUsers, retention, taskSuccess, happiness, got 'clicks'",
      },
      {
        field: 'spec.northStar.inputs[0].source.series',
        message: "must be letters, digits, '-', '_' or '.' (at most 100)",
      },
      {
        field: 'spec.northStar.inputs[0].movedBy[0]',
        message: "must refer to a Feature, got 'persona:default/p'",
      },
      { field: 'spec.northStar.inputs[1].name', message: 'is required' },
      {
        field: 'spec.northStar.inputs[1].source.persona',
        message: "must refer to a Persona, got 'group:default/g'",
      },
    ]);
    expect(
      validateTeamflowMetadata(
        domain({
          name: 'N',
          source: { series: 's' },
          inputs: Array(6).fill(input),
        }) as any,
      ),
    ).toEqual([
      {
        field: 'spec.northStar.inputs',
        message: 'must list the 1 to 5 input metrics that drive the North Star',
      },
    ]);
  });
});
