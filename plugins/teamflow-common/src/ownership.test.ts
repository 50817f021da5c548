import { ownerAt } from './ownership';

describe('ownerAt', () => {
  const timeline = [
    { teamRef: 'group:default/b', from: 200 },
    { teamRef: 'group:default/a', from: 100 },
    { teamRef: 'group:default/c', from: 300 },
  ];
  it('answers the team whose entry is the latest at or before the instant', () => {
    expect(ownerAt(timeline, 100)).toBe('group:default/a');
    expect(ownerAt(timeline, 199)).toBe('group:default/a');
    expect(ownerAt(timeline, 200)).toBe('group:default/b');
    expect(ownerAt(timeline, 10_000)).toBe('group:default/c');
  });
  it('takes the first owner seen as the owner before it, and nothing for no timeline', () => {
    expect(ownerAt(timeline, 5)).toBe('group:default/a');
    expect(ownerAt([], 5)).toBeUndefined();
  });
});
