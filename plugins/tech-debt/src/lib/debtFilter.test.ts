import { defaultFilter, matchesFilter } from './debtFilter';

describe('the register filter', () => {
  const item = (category: string, status: string) => ({ category, status });
  it.each([
    // item, filter → shown
    [item('code', 'open'), defaultFilter, true],
    [item('code', 'in-progress'), defaultFilter, true],
    [item('code', 'resolved'), defaultFilter, false],
    [item('code', 'resolved'), { category: '', status: '' }, true],
    [item('code', 'planned'), { category: 'test', status: '' }, false],
    [item('test', 'planned'), { category: 'test', status: 'planned' }, true],
    [item('test', 'open'), { category: 'test', status: 'planned' }, false],
  ])('%j with %j: %s', (i, filter, shown) => {
    expect(matchesFilter(i, filter)).toBe(shown);
  });
});
