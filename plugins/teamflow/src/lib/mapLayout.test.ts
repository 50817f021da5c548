import { TeamNode } from '@teamflow/plugin-teamflow-common';
import { SLOT, layoutTeamMap } from './mapLayout';

const node = (
  name: string,
  type: TeamNode['type'],
  valueStream?: string,
): TeamNode => ({
  ref: `group:default/${name}`,
  title: name,
  type,
  valueStream,
  members: 5,
  owned: { component: 0, api: 0, system: 0, resource: 0, domain: 0 },
  domains: [],
  inbound: 0,
  outbound: 0,
  manyInbound: false,
  manyOutbound: false,
});

describe('layoutTeamMap', () => {
  it('draws the Team Topologies picture: streams on top, platform below, enabling at the side', () => {
    const layout = layoutTeamMap([
      node('payments', 'stream-aligned', 'money'),
      node('basket', 'stream-aligned', 'shop'),
      node('checkout', 'stream-aligned', 'shop'),
      node('search', 'stream-aligned', 'shop'),
      node('infra', 'platform'),
      node('coach', 'enabling'),
      node('ml', 'complicated-subsystem'),
      node('misc', 'undeclared'),
    ]);
    expect(layout.clusters.map(c => c.title)).toEqual([
      'Value stream: Money',
      'Value stream: Shop',
      'Complicated-subsystem teams',
      'Platform teams',
      'Type undeclared',
      'Enabling teams',
    ]);
    const at = (name: string) => layout.positions.get(`group:default/${name}`)!;
    // "shop" has 3 teams: ceil(sqrt(3 × 1.6)) = 3 columns, one row, sorted by name;
    // its box starts after "money" (1 column: 150 + 2 × 24 padding = 198) and a 40 gap.
    expect([at('basket'), at('checkout'), at('search')]).toEqual([
      { x: 238 + 24 + 75, y: 44 + 24 + 55 },
      { x: 238 + 24 + 150 + 75, y: 123 },
      { x: 238 + 24 + 300 + 75, y: 123 },
    ]);
    expect(at('ml').y).toBeGreaterThan(at('basket').y);
    expect(at('infra').y).toBeGreaterThan(at('ml').y);
    expect(at('misc').y).toBeGreaterThan(at('infra').y);
    const rightmostOther = Math.max(
      ...['payments', 'search', 'infra', 'ml', 'misc'].map(n => at(n).x),
    );
    expect(at('coach').x).toBeGreaterThan(rightmostOther);
  });

  it('gives 400 teams distinct slots inside their boxes and the canvas, the same every time', () => {
    const types: TeamNode['type'][] = [
      'stream-aligned',
      'stream-aligned',
      'stream-aligned',
      'platform',
      'enabling',
      'complicated-subsystem',
      'undeclared',
    ];
    const nodes = Array.from({ length: 400 }, (_, i) =>
      node(`t${i}`, types[i % types.length], `vs${i % 12}`),
    );
    const layout = layoutTeamMap(nodes);
    expect(layout.positions.size).toBe(400);
    const points = [...layout.positions.values()];
    const slots = new Set(points.map(p => `${p.x},${p.y}`));
    expect(slots.size).toBe(400);
    for (const p of points) {
      const box = layout.clusters.find(
        c =>
          p.x - SLOT.width / 2 >= c.x &&
          p.x + SLOT.width / 2 <= c.x + c.width &&
          p.y - SLOT.height / 2 >= c.y &&
          p.y + SLOT.height / 2 <= c.y + c.height,
      );
      expect(box).toBeDefined();
      expect(p.x + SLOT.width / 2).toBeLessThanOrEqual(layout.width);
      expect(p.y + SLOT.height / 2).toBeLessThanOrEqual(layout.height);
    }
    // Boxes never overlap each other.
    const boxes = layout.clusters;
    for (const a of boxes) {
      for (const b of boxes) {
        if (a === b) continue;
        const apart =
          a.x + a.width <= b.x ||
          b.x + b.width <= a.x ||
          a.y + a.height <= b.y ||
          b.y + b.height <= a.y;
        expect(apart).toBe(true);
      }
    }
    expect(layoutTeamMap([...nodes].reverse()).positions).toEqual(
      layout.positions,
    );
  });
});
