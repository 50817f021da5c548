import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { IconButton, Tooltip, makeStyles, useTheme } from '@material-ui/core';
import ZoomInIcon from '@material-ui/icons/ZoomIn';
import ZoomOutIcon from '@material-ui/icons/ZoomOut';
import FullscreenIcon from '@material-ui/icons/ZoomOutMap';
import { TeamEdge, TeamNode } from '@teamflow/plugin-teamflow-common';
import { TEAM_TYPE_COLOURS } from '../TeamTypeChip';
import { MapLayout } from '../../lib/mapLayout';
import {
  LABEL_FONT_PX,
  LABEL_LINE_PX,
  Measure,
  estimateWidth,
  placeLabels,
} from '../../lib/mapLabels';

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

const useStyles = makeStyles(
  theme => ({
    root: {
      position: 'relative',
      border: `1px solid ${theme.palette.divider}`,
      borderRadius: 4,
      overflow: 'hidden',
      background: theme.palette.type === 'dark' ? '#1e1e1e' : '#fcfcfc',
      touchAction: 'none',
      userSelect: 'none',
    },
    svg: {
      display: 'block',
      cursor: 'grab',
      '&:active': { cursor: 'grabbing' },
    },
    controls: {
      position: 'absolute',
      right: theme.spacing(1),
      top: theme.spacing(1),
      display: 'flex',
      flexDirection: 'column',
      background: theme.palette.background.paper,
      borderRadius: 4,
      boxShadow: theme.shadows[2],
    },
    node: { cursor: 'pointer', '&:focus': { outline: 'none' } },
    edge: { cursor: 'pointer' },
    label: {
      fontFamily: theme.typography.fontFamily,
      fontSize: 15,
      fill: '#1a1a1a',
      pointerEvents: 'none',
    },
    teamName: {
      fontFamily: theme.typography.fontFamily,
      fontSize: LABEL_FONT_PX,
      fill: '#1a1a1a',
      pointerEvents: 'none',
    },
    /** A name under its shape, on the map's background: a halo keeps it clear of lines. */
    teamNameOutside: {
      stroke: theme.palette.type === 'dark' ? '#1e1e1e' : '#fcfcfc',
      fill: theme.palette.text.primary,
      strokeWidth: 3,
      paintOrder: 'stroke',
    },
    clusterTitle: {
      fontFamily: theme.typography.fontFamily,
      fontWeight: 600,
      fontSize: 14,
      fill: theme.palette.text.primary,
      stroke: theme.palette.background.default,
      strokeWidth: 3,
      paintOrder: 'stroke',
      pointerEvents: 'none',
    },
  }),
  { name: 'TeamflowMapCanvas' },
);

/** Text widths measured with the browser's own font metrics where it has a canvas. */
let measurer: Measure | undefined;
function measureName(fontFamily: string): Measure {
  if (measurer) return measurer;
  measurer = estimateWidth;
  if (typeof navigator !== 'undefined' && !/jsdom/.test(navigator.userAgent)) {
    const ctx = document.createElement('canvas').getContext('2d');
    if (ctx) {
      ctx.font = `${LABEL_FONT_PX}px ${fontFamily}`;
      const widths = new Map<string, number>();
      measurer = text => {
        let w = widths.get(text);
        if (w === undefined) {
          w = ctx.measureText(text).width;
          widths.set(text, w);
        }
        return w;
      };
    }
  }
  return measurer;
}

type Box = { hw: number; hh: number };
const BOX: Record<TeamNode['type'], Box> = {
  'stream-aligned': { hw: 62, hh: 22 },
  platform: { hw: 64, hh: 22 },
  enabling: { hw: 24, hh: 44 },
  'complicated-subsystem': { hw: 36, hh: 36 },
  undeclared: { hw: 58, hh: 22 },
};

function octagon(r: number) {
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

/** The Team Topologies shape of a team type, centred on 0,0. */
export function TeamShape(props: {
  type: TeamNode['type'];
  stroke?: string;
  strokeWidth?: number;
  opacity?: number;
}) {
  const { type, stroke = '#444', strokeWidth = 1.5, opacity = 1 } = props;
  const fill = TEAM_TYPE_COLOURS[type];
  const common = { fill, stroke, strokeWidth, opacity };
  const b = BOX[type];
  switch (type) {
    case 'complicated-subsystem':
      return <polygon points={octagon(b.hw)} {...common} />;
    case 'undeclared':
      return (
        <rect
          x={-b.hw}
          y={-b.hh}
          width={b.hw * 2}
          height={b.hh * 2}
          strokeDasharray="6 4"
          {...common}
        />
      );
    default:
      return (
        <rect
          x={-b.hw}
          y={-b.hh}
          width={b.hw * 2}
          height={b.hh * 2}
          // stream-aligned: rounded; enabling: softly rounded; platform: square
          rx={{ 'stream-aligned': b.hh, enabling: 10, platform: 2 }[type]}
          {...common}
        />
      );
  }
}

/** Where the line from the centre towards (dx, dy) leaves the team's shape. */
function exitDistance(type: TeamNode['type'], dx: number, dy: number) {
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

const strokeOf = (edge: MapEdge) =>
  edge.classification === 'observed-undeclared'
    ? EDGE_STYLE.undeclared
    : EDGE_STYLE.declared;
const widthOf = (edge: MapEdge) =>
  Math.min(5, 1 + Math.log2(Math.max(1, edge.weight))) +
  (edge.blocking ? 2 : 0);
const dashOf = (edge: MapEdge) => {
  if (edge.classification === 'observed-undeclared') return undefined;
  if (edge.classification === 'declared-only') return '3 3';
  return EDGE_STYLE.dash[edge.declared[0]?.mode ?? 'x-as-a-service'];
};

/** All edges, drawn once per data change; panning and zooming never re-render them. */
const EdgesLayer = memo(function EdgesLayerImpl(props: {
  edges: MapEdge[];
  layout: MapLayout;
  types: Map<string, TeamNode['type']>;
  dimmed: boolean;
}) {
  const { edges, layout, types, dimmed } = props;
  return (
    // Fainter as edges multiply, so hundreds of teams do not drown in lines.
    <g
      opacity={
        dimmed
          ? 0.06
          : Math.min(0.5, Math.max(0.08, 150 / Math.max(1, edges.length)))
      }
      aria-hidden
    >
      {edges.map(edge => {
        const g = edgeGeometry(edge, layout, types);
        if (!g) return null;
        return (
          <path
            key={`${edge.from}>${edge.to}`}
            d={g.d}
            fill="none"
            stroke={strokeOf(edge)}
            strokeWidth={widthOf(edge)}
            strokeDasharray={dashOf(edge)}
            markerEnd={`url(#teamflow-arrow-${
              edge.classification === 'observed-undeclared'
                ? 'undeclared'
                : 'declared'
            })`}
          />
        );
      })}
    </g>
  );
});

/** Compared with another day: added edges in green, removed ones grey and dashed, on top. */
const ChangesLayer = memo(function ChangesLayerImpl(props: {
  added: MapEdge[];
  removed: MapEdge[];
  layout: MapLayout;
  types: Map<string, TeamNode['type']>;
}) {
  const { added, removed, layout, types } = props;
  const draw = (edge: MapEdge, kind: 'added' | 'removed') => {
    const g = edgeGeometry(edge, layout, types);
    if (!g) return null;
    return (
      <path
        key={`${kind}:${edge.from}>${edge.to}`}
        data-change={kind}
        data-edge={`${edge.from}>${edge.to}`}
        d={g.d}
        fill="none"
        stroke={EDGE_STYLE[kind]}
        strokeWidth={3}
        strokeDasharray={kind === 'removed' ? '4 4' : undefined}
      />
    );
  };
  return (
    <g aria-hidden>
      {removed.map(e => draw(e, 'removed'))}
      {added.map(e => draw(e, 'added'))}
    </g>
  );
});

const NodesLayer = memo(function NodesLayerImpl(props: {
  nodes: TeamNode[];
  layout: MapLayout;
  context: Set<string>;
  selected?: string;
  found: Set<string>;
  onSelect: (ref: string) => void;
}) {
  const classes = useStyles();
  const { nodes, layout, context, selected, found, onSelect } = props;
  return (
    <g>
      {nodes.map(n => {
        const p = layout.positions.get(n.ref);
        if (!p) return null;
        let stroke = '#444';
        if (found.has(n.ref)) stroke = '#ff6f00';
        if (n.ref === selected) stroke = EDGE_STYLE.highlight;
        const problem = n.manyInbound || n.manyOutbound;
        return (
          <g
            key={n.ref}
            transform={`translate(${p.x},${p.y})`}
            className={classes.node}
            role="button"
            tabIndex={0}
            data-team={n.ref}
            aria-label={`${n.title} (${n.type} team)`}
            aria-pressed={n.ref === selected}
            onClick={() => onSelect(n.ref)}
            onKeyDown={e => {
              if (e.key === 'Enter' || e.key === ' ') onSelect(n.ref);
            }}
          >
            <title>
              {`${n.title} — ${n.type}; depends on ${n.outbound} teams, ${n.inbound} depend on it`}
            </title>
            <TeamShape
              type={n.type}
              stroke={stroke}
              strokeWidth={stroke === '#444' ? 1.5 : 4}
              opacity={context.has(n.ref) ? 0.35 : 1}
            />
            {problem && (
              <circle
                cx={BOX[n.type].hw - 2}
                cy={-BOX[n.type].hh + 2}
                r={7}
                fill={EDGE_STYLE.undeclared}
                stroke="#fff"
              />
            )}
          </g>
        );
      })}
    </g>
  );
});

type View = { x: number; y: number; k: number };

/**
 * The map itself: an SVG that pans (drag), zooms (wheel, buttons) and fits.
 * Team names and cluster titles are drawn in screen space, readable at every
 * zoom; names that would overlap wait for the reader to zoom in, the most
 * important teams (chosen, found, their neighbours, hotspots, the most
 * connected) named first.
 */
export function MapCanvas(props: {
  nodes: TeamNode[];
  edges: MapEdge[];
  layout: MapLayout;
  /** Teams shown only because an edge leads to them. */
  context: Set<string>;
  selectedTeam?: string;
  selectedEdge?: { from: string; to: string };
  found: Set<string>;
  /** Team to bring into view (search). */
  focus?: { ref: string; at: number };
  onSelectTeam: (ref: string) => void;
  onSelectEdge: (edge: MapEdge) => void;
  height?: number;
  /** Compared with another day: what to mark. */
  changes?: { added: MapEdge[]; removed: MapEdge[] };
}) {
  const classes = useStyles();
  const {
    changes,
    nodes,
    edges,
    layout,
    context,
    selectedTeam,
    selectedEdge,
    found,
    focus,
    onSelectTeam,
    onSelectEdge,
    height = 640,
  } = props;
  const container = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(1000);
  const [view, setView] = useState<View>({ x: 0, y: 0, k: 1 });
  const drag = useRef<{ x: number; y: number; vx: number; vy: number }>();

  const types = useMemo(
    () => new Map(nodes.map(n => [n.ref, n.type] as const)),
    [nodes],
  );
  const titles = useMemo(
    () => new Map(nodes.map(n => [n.ref, n.title] as const)),
    [nodes],
  );

  const fit = useCallback(() => {
    const w = container.current?.clientWidth ?? 1000;
    const k = Math.min(
      1.2,
      (w - 40) / Math.max(layout.width, 1),
      (height - 40) / Math.max(layout.height, 1),
    );
    setView({
      k,
      x: (w - layout.width * k) / 2,
      y: (height - layout.height * k) / 2,
    });
  }, [layout, height]);

  useEffect(() => {
    const w = container.current?.clientWidth;
    if (w) setWidth(w);
    fit();
  }, [fit]);

  useEffect(() => {
    if (!focus) return;
    const p = layout.positions.get(focus.ref);
    if (!p) return;
    setView(v => {
      const k = Math.max(v.k, 0.9);
      return { k, x: width / 2 - p.x * k, y: height / 2 - p.y * k };
    });
  }, [focus, layout, width, height]);

  const zoomBy = useCallback(
    (factor: number, cx?: number, cy?: number) =>
      setView(v => {
        const k = Math.min(4, Math.max(0.05, v.k * factor));
        const px = cx ?? width / 2;
        const py = cy ?? height / 2;
        return {
          k,
          x: px - ((px - v.x) * k) / v.k,
          y: py - ((py - v.y) * k) / v.k,
        };
      }),
    [width, height],
  );

  // React registers wheel listeners as passive; zooming must stop the page scrolling.
  useEffect(() => {
    const el = container.current;
    if (!el) return undefined;
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      const rect = el.getBoundingClientRect();
      zoomBy(
        Math.exp(-e.deltaY * 0.0015),
        e.clientX - rect.left,
        e.clientY - rect.top,
      );
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  }, [zoomBy]);

  const highlighted = useMemo(
    () =>
      selectedTeam
        ? edges.filter(e => e.from === selectedTeam || e.to === selectedTeam)
        : [],
    [edges, selectedTeam],
  );
  const theme = useTheme();
  const names = useMemo(() => {
    const neighbours = new Set(highlighted.flatMap(e => [e.from, e.to]));
    const candidates = nodes.flatMap(n => {
      const p = layout.positions.get(n.ref);
      if (!p) return [];
      let priority = Math.min(99, n.inbound + n.outbound);
      if (n.manyInbound || n.manyOutbound) priority = 100;
      if (neighbours.has(n.ref)) priority = 200;
      if (found.has(n.ref)) priority = 500;
      if (n.ref === selectedTeam) priority = 1000;
      return [
        {
          ref: n.ref,
          title: n.title,
          x: view.x + p.x * view.k,
          y: view.y + p.y * view.k,
          hw: BOX[n.type].hw * view.k,
          hh: BOX[n.type].hh * view.k,
          priority,
        },
      ];
    });
    // The clusters' titles (14 px, bold) stay clear of names.
    const clusterTitles = layout.clusters.map(c => {
      const left = view.x + c.x * view.k + 6;
      const top = view.y + c.y * view.k + 3;
      return { left, top, right: left + c.label.length * 9, bottom: top + 17 };
    });
    return placeLabels(
      candidates,
      { width, height },
      measureName(theme.typography.fontFamily ?? 'sans-serif'),
      clusterTitles,
    );
  }, [
    nodes,
    layout,
    view,
    width,
    height,
    highlighted,
    found,
    selectedTeam,
    theme,
  ]);

  return (
    <div
      className={classes.root}
      ref={container}
      onPointerDown={e => {
        drag.current = { x: e.clientX, y: e.clientY, vx: view.x, vy: view.y };
      }}
      onPointerMove={e => {
        const d = drag.current;
        if (!d || e.buttons === 0) return;
        setView(v => ({
          ...v,
          x: d.vx + e.clientX - d.x,
          y: d.vy + e.clientY - d.y,
        }));
      }}
      onPointerUp={() => {
        drag.current = undefined;
      }}
    >
      <svg
        className={classes.svg}
        width="100%"
        height={height}
        role="img"
        aria-label={`Team dependency map: ${nodes.length} teams, ${edges.length} dependencies`}
        data-zoom={view.k.toFixed(3)}
      >
        <defs>
          {(['undeclared', 'declared', 'highlight'] as const).map(kind => (
            <marker
              key={kind}
              id={`teamflow-arrow-${kind}`}
              viewBox="0 0 10 10"
              refX="9"
              refY="5"
              markerWidth="5"
              markerHeight="5"
              orient="auto-start-reverse"
            >
              <path d="M 0 0 L 10 5 L 0 10 z" fill={EDGE_STYLE[kind]} />
            </marker>
          ))}
        </defs>
        <g transform={`translate(${view.x},${view.y}) scale(${view.k})`}>
          {layout.clusters.map(c => (
            <g key={c.key}>
              <rect
                x={c.x}
                y={c.y}
                width={c.width}
                height={c.height}
                rx={8}
                fill="rgba(0,0,0,0.025)"
                stroke="rgba(0,0,0,0.15)"
              />
              <title>{c.title}</title>
            </g>
          ))}
          <EdgesLayer
            edges={edges}
            layout={layout}
            types={types}
            dimmed={!!selectedTeam}
          />
          {changes && (
            <ChangesLayer
              added={changes.added}
              removed={changes.removed}
              layout={layout}
              types={types}
            />
          )}
          <NodesLayer
            nodes={nodes}
            layout={layout}
            context={context}
            selected={selectedTeam}
            found={found}
            onSelect={onSelectTeam}
          />
        </g>
        {/* Team names in screen space: the same size at every zoom. */}
        <g aria-hidden data-team-names>
          {names.map(l => (
            <text
              key={l.ref}
              data-team-name={l.ref}
              className={`${classes.teamName} ${
                l.inside ? '' : classes.teamNameOutside
              }`}
              textAnchor="middle"
              opacity={context.has(l.ref) ? 0.5 : 1}
            >
              {l.lines.map((line, i) => (
                <tspan key={i} x={l.x} y={l.y + LABEL_LINE_PX * (i + 1) - 3}>
                  {line}
                </tspan>
              ))}
            </text>
          ))}
        </g>
        <g transform={`translate(${view.x},${view.y}) scale(${view.k})`}>
          {/* The selected team's edges on top: thick, clickable. */}
          <g>
            {highlighted.map(edge => {
              const g = edgeGeometry(edge, layout, types);
              if (!g) return null;
              const isSelected =
                selectedEdge?.from === edge.from &&
                selectedEdge?.to === edge.to;
              return (
                <g
                  key={`${edge.from}>${edge.to}`}
                  className={classes.edge}
                  role="button"
                  aria-label={edgeLabel(edge, titles)}
                  aria-pressed={isSelected}
                  data-edge={`${edge.from}>${edge.to}`}
                  onClick={() => onSelectEdge(edge)}
                >
                  <title>{edgeLabel(edge, titles)}</title>
                  <path
                    d={g.d}
                    fill="none"
                    stroke="transparent"
                    strokeWidth={14}
                  />
                  <path
                    d={g.d}
                    fill="none"
                    stroke={isSelected ? EDGE_STYLE.highlight : strokeOf(edge)}
                    strokeWidth={widthOf(edge) + (isSelected ? 2.5 : 1)}
                    strokeDasharray={dashOf(edge)}
                    markerEnd={`url(#teamflow-arrow-${
                      isSelected ? 'highlight' : 'declared'
                    })`}
                  />
                  {/* A handle at the midpoint with the number of entity-level edges. */}
                  <g
                    transform={`translate(${g.mid.x},${g.mid.y})`}
                    data-edge-handle={`${edge.from}>${edge.to}`}
                  >
                    <circle
                      r={11}
                      fill="#fff"
                      stroke={
                        isSelected ? EDGE_STYLE.highlight : strokeOf(edge)
                      }
                      strokeWidth={2}
                    />
                    <text
                      className={classes.label}
                      textAnchor="middle"
                      y={5}
                      style={{ fontSize: 12 }}
                    >
                      {edge.weight}
                    </text>
                  </g>
                </g>
              );
            })}
          </g>
        </g>
        {/* Box titles in screen space: readable at every zoom. */}
        <g aria-hidden data-cluster-titles>
          {layout.clusters.map(c => (
            <text
              key={c.key}
              className={classes.clusterTitle}
              x={view.x + c.x * view.k + 6}
              y={view.y + c.y * view.k + 16}
            >
              {c.label}
            </text>
          ))}
        </g>
      </svg>
      <div className={classes.controls}>
        <Tooltip title="Zoom in">
          <IconButton
            size="small"
            aria-label="Zoom in"
            onClick={() => zoomBy(1.4)}
          >
            <ZoomInIcon />
          </IconButton>
        </Tooltip>
        <Tooltip title="Zoom out">
          <IconButton
            size="small"
            aria-label="Zoom out"
            onClick={() => zoomBy(1 / 1.4)}
          >
            <ZoomOutIcon />
          </IconButton>
        </Tooltip>
        <Tooltip title="Fit the whole map">
          <IconButton size="small" aria-label="Fit the whole map" onClick={fit}>
            <FullscreenIcon />
          </IconButton>
        </Tooltip>
      </div>
    </div>
  );
}
