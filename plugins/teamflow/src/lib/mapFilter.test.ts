import { MapEdge } from './mapGeometry';
import {
  filterFromParams,
  lookFirst,
  overdueInteractions,
  paramsFromFilter,
  problemsLine,
  shortRef,
} from './mapFilter';

const g = (name: string) => `group:default/${name}`;
const edge = (from: string, to: string, extra: Partial<MapEdge> = {}) =>
  ({
    from: g(from),
    to: g(to),
    classification: 'declared-and-observed',
    declared: [],
    blocking: false,
    overdue: false,
    weight: 1,
    ...extra,
  } as MapEdge);
const interaction = (name: string, overdue: boolean) =>
  ({
    interactionRef: `teaminteraction:default/${name}`,
    mode: 'collaboration',
    status: 'current',
    overdue,
  } as unknown as MapEdge['declared'][number]);

describe('the dependency map filters and panels', () => {
  it('reads the filter from the URL, leaving out unknown team types', () => {
    const filter = filterFromParams(
      new URLSearchParams(
        'type=platform,bogus,undeclared&problems=true&valueStream=',
      ),
    );
    expect(filter).toEqual({
      valueStream: undefined,
      domain: undefined,
      types: ['platform', 'undeclared'],
      problems: true,
    });
    expect(paramsFromFilter(filter).toString()).toBe(
      'type=platform%2Cundeclared&problems=true',
    );
    expect(filterFromParams(new URLSearchParams('problems=yes'))).toEqual({
      valueStream: undefined,
      domain: undefined,
      types: undefined,
      problems: undefined,
    });
  });

  it('writes a filter to the URL and reads the same filter back', () => {
    const filter = {
      valueStream: 'grocery',
      domain: 'domain:default/fulfilment',
      types: ['stream-aligned' as const],
    };
    expect(filterFromParams(paramsFromFilter(filter))).toEqual({
      ...filter,
      problems: undefined,
    });
  });

  it('counts a collaboration past review once, though it is an edge each way', () => {
    const both = [interaction('checkout-order-flow', true)];
    expect(
      overdueInteractions([
        edge('checkout', 'order-flow', { overdue: true, declared: both }),
        edge('order-flow', 'checkout', { overdue: true, declared: both }),
        edge('checkout', 'search', {
          declared: [interaction('checkout-search', false)],
        }),
      ]),
    ).toBe(1);
    // A past map keeps no interactions: an overdue pair of teams counts once.
    expect(
      overdueInteractions([
        edge('a', 'b', { overdue: true }),
        edge('b', 'a', { overdue: true }),
        edge('a', 'c', { overdue: true }),
      ]),
    ).toBe(2);
  });

  it('lists a team’s problem dependencies in a line', () => {
    const titles = new Map([
      [g('checkout'), 'Checkout'],
      [g('search'), 'Search'],
      [g('payments'), 'Payments'],
    ]);
    const edges = [
      edge('checkout', 'search', { classification: 'observed-undeclared' }),
      edge('payments', 'checkout', {}),
    ];
    expect(problemsLine(edges, g('checkout'), titles)).toBe(
      'Problems: Checkout depends on Search: undeclared, 1 entity-level edge',
    );
    expect(problemsLine(edges, g('payments'), titles)).toBe(
      'No problem dependencies.',
    );
  });

  it('leads with blocking dependencies, each pair past review once, and hotspots', () => {
    const blocking = edge('discovery', 'search', { blocking: true });
    const overdue = edge('checkout', 'order-flow', { overdue: true });
    const hotspot = {
      ref: g('discovery'),
      manyInbound: false,
      manyOutbound: true,
    };
    const calm = { ref: g('search'), manyInbound: false, manyOutbound: false };
    expect(
      lookFirst({
        nodes: [hotspot, calm] as any,
        edges: [
          blocking,
          overdue,
          edge('order-flow', 'checkout', { overdue: true }),
        ],
      }),
    ).toEqual({
      blocking: [blocking],
      overdue: [overdue],
      hotspots: [hotspot],
    });
  });

  it('shortens default-namespace references only', () => {
    expect(shortRef('domain:default/fulfilment')).toBe('fulfilment');
    expect(shortRef('domain:retail/fulfilment')).toBe(
      'domain:retail/fulfilment',
    );
  });
});
