import { fireEvent, screen } from '@testing-library/react';
import { renderInTestApp } from '@backstage/test-utils';
import { TeamMap } from '../../api/TeamflowApi';
import { LookFirst } from './LookFirst';

const g = (name: string) => `group:default/${name}`;
const edge = (from: string, to: string, flags: object) => ({
  from: g(from),
  to: g(to),
  classification: 'declared-and-observed',
  declared: [],
  blocking: false,
  overdue: false,
  weight: 1,
  ...flags,
});
const node = (name: string, title: string, extra: object = {}) => ({
  ref: g(name),
  title,
  type: 'stream-aligned',
  manyInbound: false,
  manyOutbound: false,
  inbound: 1,
  outbound: 1,
  ...extra,
});
const titles = new Map([
  [g('checkout'), 'Checkout'],
  [g('order-flow'), 'Order Flow'],
  [g('discovery'), 'Discovery'],
  [g('search'), 'Search Relevance'],
]);

describe('LookFirst', () => {
  it('leads with blocking, overdue (once per interaction) and hotspots, each opening on the map', async () => {
    const collaboration = edge('checkout', 'order-flow', { overdue: true });
    const map = {
      nodes: [
        node('checkout', 'Checkout'),
        node('order-flow', 'Order Flow'),
        node('discovery', 'Discovery', {
          manyOutbound: true,
          outbound: 9,
          inbound: 2,
        }),
        node('search', 'Search Relevance'),
      ],
      edges: [
        edge('discovery', 'search', { blocking: true }),
        collaboration,
        // The same collaboration the other way: still one interaction.
        edge('order-flow', 'checkout', { overdue: true }),
        edge('checkout', 'search', {}),
      ],
    } as unknown as TeamMap;
    const onSelectEdge = jest.fn();
    const onSelectTeam = jest.fn();
    await renderInTestApp(
      <LookFirst
        map={map}
        titles={titles}
        onSelectEdge={onSelectEdge}
        onSelectTeam={onSelectTeam}
      />,
    );
    const list = screen.getByRole('list', { name: 'Look at first' });
    expect(
      Array.from(list.querySelectorAll('li')).map(li => li.textContent),
    ).toEqual([
      'Blocking: Discovery waits on Search Relevance',
      'Past review: Checkout and Order Flow',
      'Hotspot: Discovery, 9 dependencies out, 2 in',
    ]);
    fireEvent.click(screen.getByText('Past review: Checkout and Order Flow'));
    expect(onSelectEdge).toHaveBeenCalledWith(collaboration);
    fireEvent.click(
      screen.getByText('Hotspot: Discovery, 9 dependencies out, 2 in'),
    );
    expect(onSelectTeam).toHaveBeenCalledWith(g('discovery'));
  });

  it('says when there is nothing to look at first', async () => {
    await renderInTestApp(
      <LookFirst
        map={
          {
            nodes: [node('checkout', 'Checkout')],
            edges: [edge('checkout', 'search', {})],
          } as unknown as TeamMap
        }
        titles={titles}
        onSelectEdge={jest.fn()}
        onSelectTeam={jest.fn()}
      />,
    );
    expect(
      screen.getByText(
        /No blocking dependency, no interaction past its review/,
      ),
    ).toBeInTheDocument();
  });
});
