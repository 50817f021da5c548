import { TeamNode, valueStreamTitle } from '@teamflow/plugin-teamflow-common';

/** Every team sits in a slot of this size; shapes are drawn inside it. */
export const SLOT = { width: 150, height: 110 };
const PAD = 24;
const TITLE = 44;
const GAP = 40;

/** A titled box of teams: a value stream, or all teams of one type. */
export type MapCluster = {
  key: string;
  title: string;
  /** Short form for the map: the value stream's name, or the team type. */
  label: string;
  x: number;
  y: number;
  width: number;
  height: number;
};

export type MapLayout = {
  positions: Map<string, { x: number; y: number }>;
  clusters: MapCluster[];
  width: number;
  height: number;
};

type Group = { key: string; title: string; label: string; nodes: TeamNode[] };

function grid(
  group: Group,
  columns: number,
  x: number,
  y: number,
  layout: MapLayout,
) {
  const cols = Math.max(1, Math.min(columns, group.nodes.length));
  const rows = Math.ceil(group.nodes.length / cols);
  const width = cols * SLOT.width + 2 * PAD;
  const height = rows * SLOT.height + 2 * PAD + TITLE;
  group.nodes.forEach((n, i) => {
    layout.positions.set(n.ref, {
      x: x + PAD + (i % cols) * SLOT.width + SLOT.width / 2,
      y: y + TITLE + PAD + Math.floor(i / cols) * SLOT.height + SLOT.height / 2,
    });
  });
  layout.clusters.push({
    key: group.key,
    title: group.title,
    label: group.label,
    x,
    y,
    width,
    height,
  });
  return { width, height };
}

/** Lays groups out left to right, wrapping at `maxWidth`; returns the bottom edge. */
function flow(
  groups: Group[],
  top: number,
  maxWidth: number,
  layout: MapLayout,
) {
  let x = 0;
  let y = top;
  let rowHeight = 0;
  for (const group of groups) {
    // Roughly square boxes, wider than tall.
    const columns = Math.ceil(Math.sqrt(group.nodes.length * 1.6));
    const boxWidth =
      Math.min(columns, group.nodes.length) * SLOT.width + 2 * PAD;
    if (x > 0 && x + boxWidth > maxWidth) {
      x = 0;
      y += rowHeight + GAP;
      rowHeight = 0;
    }
    const size = grid(group, columns, x, y, layout);
    x += size.width + GAP;
    rowHeight = Math.max(rowHeight, size.height);
    layout.width = Math.max(layout.width, x - GAP);
  }
  return groups.length ? y + rowHeight : top - GAP;
}

const byTitle = (a: TeamNode, b: TeamNode) =>
  a.title.localeCompare(b.title) || a.ref.localeCompare(b.ref);

/**
 * Arranges teams as Team Topologies diagrams do: stream-aligned teams on top,
 * one box per value stream; complicated-subsystem teams below them; platform
 * teams as the foundation at the bottom; enabling teams in a column at the
 * side; teams of undeclared type last. Deterministic: the same teams always
 * land in the same places.
 */
export function layoutTeamMap(nodes: TeamNode[]): MapLayout {
  const layout: MapLayout = {
    positions: new Map(),
    clusters: [],
    width: 0,
    height: 0,
  };
  const ofType = (type: TeamNode['type']) =>
    nodes.filter(n => n.type === type).sort(byTitle);

  const streams = new Map<string, TeamNode[]>();
  for (const n of ofType('stream-aligned')) {
    const key = n.valueStream ?? '';
    streams.set(key, [...(streams.get(key) ?? []), n]);
  }
  const streamGroups: Group[] = [...streams]
    .sort(
      ([a], [b]) =>
        (a === '' ? 1 : 0) - (b === '' ? 1 : 0) || a.localeCompare(b),
    )
    .map(([key, list]) => ({
      key: `stream:${key}`,
      title: key
        ? `Value stream: ${valueStreamTitle(key)}`
        : 'Stream-aligned, no value stream',
      label: key ? valueStreamTitle(key) : 'No value stream',
      nodes: list,
    }));
  const single = (type: TeamNode['type'], title: string): Group[] => {
    const list = ofType(type);
    return list.length
      ? [{ key: type, title, label: title.replace(/ teams$/, ''), nodes: list }]
      : [];
  };

  // Width of the main area: the whole map about twice as wide as tall, like a screen.
  const mainWidth = Math.max(
    4 * SLOT.width,
    Math.ceil(Math.sqrt(nodes.length * 2.5)) * SLOT.width * 1.3,
  );
  let bottom = flow(streamGroups, 0, mainWidth, layout);
  bottom = flow(
    single('complicated-subsystem', 'Complicated-subsystem teams'),
    bottom + GAP,
    mainWidth,
    layout,
  );
  // The platform box spans the main width: as many columns as fit.
  const platform = single('platform', 'Platform teams');
  if (platform.length) {
    const columns = Math.max(
      1,
      Math.floor((Math.max(layout.width, mainWidth) - 2 * PAD) / SLOT.width),
    );
    const size = grid(platform[0], columns, 0, bottom + GAP, layout);
    bottom = bottom + GAP + size.height;
    layout.width = Math.max(layout.width, size.width);
  }
  bottom = flow(
    single('undeclared', 'Type undeclared'),
    bottom + GAP,
    mainWidth,
    layout,
  );

  // Enabling teams: one column to the right of everything.
  const enabling = single('enabling', 'Enabling teams');
  if (enabling.length) {
    const rows = Math.max(
      1,
      Math.floor(
        (Math.max(bottom, SLOT.height * 3) - TITLE - 2 * PAD) / SLOT.height,
      ),
    );
    const columns = Math.ceil(enabling[0].nodes.length / rows);
    const size = grid(enabling[0], columns, layout.width + GAP * 2, 0, layout);
    layout.width += GAP * 2 + size.width;
    bottom = Math.max(bottom, size.height);
  }
  layout.height = Math.max(bottom, 0);
  return layout;
}
