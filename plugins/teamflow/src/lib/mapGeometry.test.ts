import { MapLayout } from './mapLayout';
import {
  MapEdge,
  dashOf,
  edgeGeometry,
  edgeLabel,
  exitDistance,
  fitView,
  octagon,
  widthOf,
  zoomAt,
} from './mapGeometry';

const edge = (extra: Partial<MapEdge> = {}): MapEdge => ({
  from: 'group:default/checkout',
  to: 'group:default/order-flow',
  classification: 'declared-and-observed',
  declared: [],
  blocking: false,
  overdue: false,
  weight: 1,
  ...extra,
});
const declared = (mode: string) =>
  ({
    interactionRef: `teaminteraction:default/${mode}`,
    mode,
    status: 'current',
    overdue: false,
  } as unknown as MapEdge['declared'][number]);

describe('the dependency map geometry', () => {
  it('draws the complicated-subsystem octagon with corners at 0.414 r', () => {
    expect(octagon(10)).toBe(
      '-4.14,-10 4.14,-10 10,-4.14 10,4.14 4.14,10 -4.14,10 -10,4.14 -10,-4.14',
    );
  });

  it('starts a line where it leaves the team shape, 4 px clear', () => {
    // stream-aligned: 62 × 22 from the centre
    expect(exitDistance('stream-aligned', 100, 0)).toBe(66);
    expect(exitDistance('stream-aligned', 0, -5)).toBe(26);
    // 45°: the top edge first, at 22 / 10 of the way along (10, 10)
    expect(exitDistance('stream-aligned', 10, 10)).toBeCloseTo(
      2.2 * Math.SQRT2 * 10 + 4,
      9,
    );
  });

  it('bends a dependency to the right of its direction, from shape to shape', () => {
    const layout = {
      positions: new Map([
        ['group:default/checkout', { x: 0, y: 0 }],
        ['group:default/order-flow', { x: 200, y: 0 }],
      ]),
    } as unknown as MapLayout;
    const types = new Map([
      ['group:default/checkout', 'platform' as const],
      ['group:default/order-flow', 'platform' as const],
    ]);
    // 200 apart: bent 50 (a quarter), control point (100, 50). Towards it
    // the line leaves the 64 × 22 platform box through its bottom, 0.44 of
    // the way, + 4 px: t = 0.44 + 4 / √12,500 = 0.475777 → (47.58, 23.79).
    const g = edgeGeometry(edge(), layout, types)!;
    expect(g.d).toBe('M47.6,23.8 Q100.0,50.0 152.4,23.8');
    expect(g.mid.x).toBeCloseTo(100, 9);
    expect(g.mid.y).toBeCloseTo(0.5 * 23.7888 + 25, 3);
    expect(
      edgeGeometry(edge({ to: 'group:default/gone' }), layout, types),
    ).toBeUndefined();
  });

  it('names a dependency for screen readers', () => {
    const titles = new Map([
      ['group:default/checkout', 'Checkout'],
      ['group:default/order-flow', 'Order Flow'],
    ]);
    expect(
      edgeLabel(
        edge({ declared: [declared('collaboration')], blocking: true }),
        titles,
      ),
    ).toBe(
      'Checkout depends on Order Flow: collaboration, 1 entity-level edge (blocking)',
    );
    expect(
      edgeLabel(
        edge({
          classification: 'observed-undeclared',
          weight: 3,
          overdue: true,
        }),
        titles,
      ),
    ).toBe(
      'Checkout depends on Order Flow: undeclared, 3 entity-level edges (review overdue)',
    );
  });

  it.each([
    // weight, blocking → width: 1 + log2(weight), at most 5, +2 when blocking
    [1, false, 1],
    [8, false, 4],
    [64, false, 5],
    [1, true, 3],
  ])('draws %i entity-level edges (blocking %s) %i px wide', (w, b, px) => {
    expect(widthOf(edge({ weight: w, blocking: b }))).toBe(px);
  });

  it('dashes by mode, dots what is declared but not observed', () => {
    expect(dashOf(edge({ classification: 'observed-undeclared' }))).toBe(
      undefined,
    );
    expect(dashOf(edge({ classification: 'declared-only' }))).toBe('3 3');
    expect(dashOf(edge({ declared: [declared('collaboration')] }))).toBe(
      '10 5',
    );
    expect(dashOf(edge({ declared: [declared('facilitating')] }))).toBe('2 5');
    expect(dashOf(edge())).toBe(undefined); // x-as-a-service: solid
  });

  it('fits the whole layout 20 px clear of the sides, never above 1.2×', () => {
    expect(fitView({ width: 1000, height: 500 }, 1040, 540)).toEqual({
      k: 1,
      x: 20,
      y: 20,
    });
    expect(fitView({ width: 100, height: 100 }, 1040, 540)).toEqual({
      k: 1.2,
      x: 460,
      y: 210,
    });
  });

  it('zooms about the pointer, which stays over the same spot, 0.05× to 4×', () => {
    // (100, 50) on screen is (100, 50) on the map at 1×; at 2× it still is.
    expect(zoomAt({ x: 0, y: 0, k: 1 }, 2, 100, 50)).toEqual({
      k: 2,
      x: -100,
      y: -50,
    });
    expect(zoomAt({ x: 0, y: 0, k: 3 }, 2, 0, 0).k).toBe(4);
    expect(zoomAt({ x: 0, y: 0, k: 0.06 }, 0.5, 0, 0).k).toBe(0.05);
  });
});
