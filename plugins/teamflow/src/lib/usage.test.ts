import { FeatureUsage, UsageResponse } from '@teamflow/plugin-teamflow-common';
import {
  changeOf,
  formatUsers,
  percent,
  score,
  signed,
  sinceLine,
  thisWeekOf,
} from './usage';

const weekly = (users: number[]) =>
  users.map((activeUsers, i) => ({
    week: `2026-10-${String(5 + i).padStart(2, '0')}`,
    activeUsers,
  })) as FeatureUsage['weekly'];

describe('usage figures', () => {
  it('compares the last weeks’ users with as many weeks before', () => {
    // (5 + 6 + 7 + 8) = 26 against (1 + 2 + 3 + 4) = 10: +160 %
    expect(changeOf(weekly([1, 2, 3, 4, 5, 6, 7, 8]), 4)).toBe(160);
    // (1 + 1) against (4 + 4): −75 %
    expect(changeOf(weekly([9, 4, 4, 1, 1]), 2)).toBe(-75);
    // not enough weeks before, or nobody before: no change to show
    expect(changeOf(weekly([2, 3, 4, 5, 6, 7, 8]), 4)).toBeUndefined();
    expect(changeOf(weekly([0, 0, 0, 0, 5, 6, 7, 8]), 4)).toBeUndefined();
  });

  it('writes changes, shares, scores and user counts as every page does', () => {
    expect([signed(12), signed(-12), signed(0), signed(undefined)]).toEqual([
      '+12%',
      '−12%',
      '0%',
      '–',
    ]);
    expect([percent(0.456), percent(null)]).toEqual(['46%', '–']);
    expect([score(4.26), score(null)]).toEqual(['4.3', '–']);
    expect([formatUsers(1234.6), formatUsers(12.34), formatUsers(7)]).toEqual([
      '1,235',
      '12.3',
      '7',
    ]);
  });

  it('says when the last event came, or that the figures are the demo’s', () => {
    const response = (extra: Partial<UsageResponse>) =>
      ({ usage: [], thisWeek: [], ...extra } as unknown as UsageResponse);
    expect(sinceLine(response({ lastEventAt: '2026-12-06T10:00:00Z' }))).toBe(
      'Last event received 6 Dec 2026.',
    );
    expect(
      sinceLine(response({ usage: [{ activeUsers: 3 }] as FeatureUsage[] })),
    ).toBe(
      'No source has sent an event yet: these figures are the demo’s generated usage.',
    );
    expect(sinceLine(response({}))).toBe(
      'No event received from a source yet.',
    );
  });

  it('finds the week in progress of one feature and persona', () => {
    const week = { feature: 'f', persona: 'p', activeUsers: 2, events: 5 };
    const response = { thisWeek: [week] } as unknown as UsageResponse;
    expect(thisWeekOf(response, 'f', 'p')).toBe(week);
    expect(thisWeekOf(response, 'f', 'q')).toBeUndefined();
  });
});
