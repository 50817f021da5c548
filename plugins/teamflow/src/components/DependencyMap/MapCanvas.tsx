import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTheme } from '@material-ui/core';
import { TeamNode } from '@teamflow/plugin-teamflow-common';
import { MapLayout } from '../../lib/mapLayout';
import { LABEL_LINE_PX, placeLabels } from '../../lib/mapLabels';
import {
  BOX,
  EDGE_STYLE,
  MapEdge,
  MapView,
  fitView,
  zoomAt,
} from '../../lib/mapGeometry';
import { useCanvasStyles } from './canvasStyles';
import { ChangesLayer } from './ChangesLayer';
import { EdgesLayer } from './EdgesLayer';
import { measureName } from './measureName';
import { NodesLayer } from './NodesLayer';
import { SelectedEdges } from './SelectedEdges';
import { ZoomControls } from './ZoomControls';

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
  const classes = useCanvasStyles();
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
  const [view, setView] = useState<MapView>({ x: 0, y: 0, k: 1 });
  const drag = useRef<{ x: number; y: number; vx: number; vy: number }>();

  const types = useMemo(
    () => new Map(nodes.map(n => [n.ref, n.type] as const)),
    [nodes],
  );
  const titles = useMemo(
    () => new Map(nodes.map(n => [n.ref, n.title] as const)),
    [nodes],
  );

  const fit = useCallback(
    () =>
      setView(fitView(layout, container.current?.clientWidth ?? 1000, height)),
    [layout, height],
  );

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
      setView(v => zoomAt(v, factor, cx ?? width / 2, cy ?? height / 2)),
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
          <SelectedEdges
            edges={highlighted}
            layout={layout}
            types={types}
            titles={titles}
            selectedEdge={selectedEdge}
            onSelectEdge={onSelectEdge}
          />
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
      <ZoomControls onZoom={zoomBy} onFit={fit} />
    </div>
  );
}
