import { TeamEdge, TeamNode } from '@teamflow/plugin-teamflow-common';
import { MapLayout } from './mapLayout';

/*
 * The dependency map's geometry and line styles: pure, so the shapes' edges,
 * the curves and the labels are tested without a browser.
 */

/** A dependency between two teams as the map draws it. */
export type MapEdge = Omit<TeamEdge, 'observed'>;

/** Colours and dashes, shared with the legend. */
export const EDGE_STYLE = {
  undeclared: '#d32f2f',
  declared: '#455a64',
  highlight: '#1565c0',
  /** Compared with another day: dependencies that appeared, and that went. */
  added: '#2e7d32',
  removed: '#9e9e9e',
  dash: {
    'x-as-a-service': undefined,
    collaboration: '10 5',
    facilitating: '2 5',
  } as Record<string, string | undefined>,
};

/** Half the width and height of each team type's shape, centred on 0,0. */
export type Box = { hw: number; hh: number };
export const BOX: Record<TeamNode['type'], Box> = {
  'stream-aligned': { hw: 62, hh: 22 },
  platform: { hw: 64, hh: 22 },
  enabling: { hw: 24, hh: 44 },
  'complicated-subsystem': { hw: 36, hh: 36 },
  undeclared: { hw: 58, hh: 22 },
};

/** The complicated-subsystem octagon, reaching r from its centre along each axis, as SVG points. */
export function octagon(r: number) {
  const a = r * 0.414;
  return [
    [-a, -r],
    [a, -r],
    [r, -a],
    [r, a],
    [a, r],
    [-a, r],
    [-r, a],
    [-r, -a],
  ]
    .map(p => p.join(','))
    .join(' ');
}

/** How far from the centre the line towards (dx, dy) leaves the team's shape, plus 4 px for the arrow. */
export function exitDistance(type: TeamNode['type'], dx: number, dy: number) {
  const b = BOX[type];
  const tx = dx === 0 ? Infinity : b.hw / Math.abs(dx);
  const ty = dy === 0 ? Infinity : b.hh / Math.abs(dy);
  return Math.min(tx, ty) * Math.hypot(dx, dy) + 4;
}

/**
 * An edge as a gentle curve: bending to the right of its direction keeps the
 * two directions of a pair apart and keeps lines along a row of teams from
 * running through the teams between them. `mid` is the curve's midpoint.
 */
export function edgeGeometry(
  edge: MapEdge,
  layout: MapLayout,
  types: Map<string, TeamNode['type']>,
) {
  const a = layout.positions.get(edge.from);
  const b = layout.positions.get(edge.to);
  if (!a || !b) return undefined;
  const len = Math.hypot(b.x - a.x, b.y - a.y) || 1;
  const bend = Math.min(0.25 * len, 120);
  const c = {
    x: (a.x + b.x) / 2 - ((b.y - a.y) / len) * bend,
    y: (a.y + b.y) / 2 + ((b.x - a.x) / len) * bend,
  };
  const out = (from: { x: number; y: number }, type: TeamNode['type']) => {
    const dx = c.x - from.x;
    const dy = c.y - from.y;
    const l = Math.hypot(dx, dy) || 1;
    const t = exitDistance(type, dx, dy) / l;
    return { x: from.x + dx * t, y: from.y + dy * t };
  };
  const p1 = out(a, types.get(edge.from)!);
  const p2 = out(b, types.get(edge.to)!);
  return {
    d: `M${p1.x.toFixed(1)},${p1.y.toFixed(1)} Q${c.x.toFixed(1)},${c.y.toFixed(
      1,
    )} ${p2.x.toFixed(1)},${p2.y.toFixed(1)}`,
    mid: {
      x: 0.25 * p1.x + 0.5 * c.x + 0.25 * p2.x,
      y: 0.25 * p1.y + 0.5 * c.y + 0.25 * p2.y,
    },
  };
}

/** What a dependency is, for screen readers and tooltips. */
export function edgeLabel(edge: MapEdge, titles: Map<string, string>) {
  const how =
    edge.classification === 'observed-undeclared'
      ? 'undeclared'
      : edge.declared.map(d => d.mode).join(' and ');
  const flags = [
    edge.blocking ? 'blocking' : '',
    edge.overdue ? 'review overdue' : '',
    edge.classification === 'declared-only' ? 'not observed' : '',
  ].filter(Boolean);
  return `${titles.get(edge.from)} depends on ${titles.get(edge.to)}: ${how}, ${
    edge.weight
  } entity-level edge${edge.weight === 1 ? '' : 's'}${
    flags.length ? ` (${flags.join(', ')})` : ''
  }`;
}

/** Undeclared dependencies red, declared ones slate. */
export const strokeOf = (edge: MapEdge) =>
  edge.classification === 'observed-undeclared'
    ? EDGE_STYLE.undeclared
    : EDGE_STYLE.declared;

/** Thicker with more entity-level edges (log scale, capped at 5), 2 more when blocking. */
export const widthOf = (edge: MapEdge) =>
  Math.min(5, 1 + Math.log2(Math.max(1, edge.weight))) +
  (edge.blocking ? 2 : 0);

/** Dashed by interaction mode, dotted when declared but not observed, solid when undeclared. */
export const dashOf = (edge: MapEdge) => {
  if (edge.classification === 'observed-undeclared') return undefined;
  if (edge.classification === 'declared-only') return '3 3';
  return EDGE_STYLE.dash[edge.declared[0]?.mode ?? 'x-as-a-service'];
};

/** Where the map is looked at from: a translation in screen pixels and a scale. */
export type MapView = { x: number; y: number; k: number };

/** The whole layout in view, centred, 20 px clear of the sides, at most 1.2×. */
export function fitView(
  layout: { width: number; height: number },
  width: number,
  height: number,
): MapView {
  const k = Math.min(
    1.2,
    (width - 40) / Math.max(layout.width, 1),
    (height - 40) / Math.max(layout.height, 1),
  );
  return {
    k,
    x: (width - layout.width * k) / 2,
    y: (height - layout.height * k) / 2,
  };
}

/** Zoomed by `factor` about the screen point (px, py), which stays where it is; 0.05× to 4×. */
export function zoomAt(
  v: MapView,
  factor: number,
  px: number,
  py: number,
): MapView {
  const k = Math.min(4, Math.max(0.05, v.k * factor));
  return {
    k,
    x: px - ((px - v.x) * k) / v.k,
    y: py - ((py - v.y) * k) / v.k,
  };
}
