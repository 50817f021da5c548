import { engagementDates, engagementProgress } from './engagementProgress';

describe('engagementProgress', () => {
  it('is the share of the planned days that has passed, kept within 0–100', () => {
    // 15 Sep 2026 → 15 Jan 2027 is 122 days; 1 Dec 2026 is day 77: 63%.
    expect(engagementProgress('2026-09-15', '2027-01-15', '2026-12-01')).toBe(
      63,
    );
    expect(engagementProgress('2027-01-10', '2027-04-30', '2026-12-01')).toBe(
      0,
    );
    expect(engagementProgress('2026-01-01', '2026-06-30', '2026-12-01')).toBe(
      100,
    );
    expect(engagementProgress(undefined, '2027-01-15', '2026-12-01')).toBe(
      undefined,
    );
  });
});

describe('engagementDates', () => {
  const day = (d: string) => `<${d}>`;
  it.each([
    // start, review by, today → words
    [
      '2026-09-15',
      '2027-01-15',
      '2026-12-01',
      'Since <2026-09-15> · until <2027-01-15>',
    ],
    // planned: it has not started, so not "since" a day to come
    [
      '2027-01-10',
      '2027-04-30',
      '2026-12-01',
      'Starts <2027-01-10> · until <2027-04-30>',
    ],
    [
      '2026-12-01',
      '2027-04-30',
      '2026-12-01',
      'Since <2026-12-01> · until <2027-04-30>',
    ],
    [
      '2026-01-01',
      '2026-06-30',
      '2026-12-01',
      'Since <2026-01-01> · review overdue since <2026-06-30>',
    ],
    [
      undefined,
      '2027-01-15',
      '2026-12-01',
      'Start not declared · until <2027-01-15>',
    ],
    [
      '2026-09-15',
      undefined,
      '2026-12-01',
      'Since <2026-09-15> · no review date',
    ],
  ])('%s → %s, today %s', (start, reviewBy, today, words) => {
    expect(engagementDates(start, reviewBy, today, day)).toBe(words);
  });
});
