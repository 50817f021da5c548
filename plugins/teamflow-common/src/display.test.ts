import {
  formatDateTime,
  formatDay,
  interactionModeTitle,
  refName,
  sentenceCase,
  teamTypeTitle,
} from './display';

describe('display', () => {
  it('writes a calendar day one way whatever its input', () => {
    expect(formatDay('2026-11-30')).toBe('30 Nov 2026');
    expect(formatDay('2026-11-30T23:59:00Z')).toBe('30 Nov 2026');
    expect(formatDay('2026-12-01T00:30:00+02:00')).toBe('30 Nov 2026');
    expect(formatDay(Date.UTC(2026, 0, 5))).toBe('5 Jan 2026');
    expect(formatDay('not a date')).toBe('not a date');
  });

  it('writes a moment with its UTC time', () => {
    expect(formatDateTime('2026-11-30T09:05:00Z')).toBe(
      '30 Nov 2026, 09:05 UTC',
    );
  });

  it('spells team types and modes one way', () => {
    expect(teamTypeTitle('stream-aligned')).toBe('Stream-aligned');
    expect(teamTypeTitle('complicated-subsystem')).toBe(
      'Complicated-subsystem',
    );
    expect(teamTypeTitle(undefined)).toBe('Type undeclared');
    expect(interactionModeTitle('x-as-a-service')).toBe('X-as-a-Service');
    expect(sentenceCase('in-progress')).toBe('In progress');
    expect(sentenceCase('internal-developer')).toBe('Internal developer');
  });

  it('takes the name out of a ref', () => {
    expect(refName('user:default/jonas.keller')).toBe('jonas.keller');
    expect(refName('group:checkout')).toBe('checkout');
    expect(refName('lars.berg')).toBe('lars.berg');
  });
});
