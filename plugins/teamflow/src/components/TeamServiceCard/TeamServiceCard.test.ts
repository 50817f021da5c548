import { engagementProgress } from './engagementProgress';

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
