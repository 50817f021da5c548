import { AttentionRow } from '@teamflow/plugin-teamflow-common';
import { sortRows } from './attentionRows';

const row = (title: string, debt?: number): AttentionRow =>
  ({
    teamRef: `group:default/${title.toLowerCase()}`,
    title,
    type: 'stream-aligned',
    signals:
      debt === undefined
        ? {}
        : { debt: { value: debt, text: String(debt), level: 'ok' } },
    personas: [],
    problems: [],
    watches: [],
  } as unknown as AttentionRow);

describe('sorting the teams needing attention', () => {
  const rows = [
    row('Checkout', 82.3),
    row('Discovery'),
    row('Order Flow', 306.2),
    row('Billing', 82.3),
    row('Accounts'),
  ];
  const titles = (sorted: AttentionRow[]) => sorted.map(r => r.title);

  it('sorts by a signal either way, ties by name, teams without a number last', () => {
    expect(titles(sortRows(rows, 'debt', true))).toEqual([
      'Order Flow',
      'Billing',
      'Checkout',
      'Accounts',
      'Discovery',
    ]);
    expect(titles(sortRows(rows, 'debt', false))).toEqual([
      'Billing',
      'Checkout',
      'Order Flow',
      'Accounts',
      'Discovery',
    ]);
  });

  it('sorts by team name, and leaves the rows it was given alone', () => {
    expect(titles(sortRows(rows, 'team', false))).toEqual([
      'Accounts',
      'Billing',
      'Checkout',
      'Discovery',
      'Order Flow',
    ]);
    expect(titles(sortRows(rows, 'team', true))[0]).toBe('Order Flow');
    expect(titles(rows)[0]).toBe('Checkout');
  });
});
