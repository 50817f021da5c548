import { TeamNode } from '@teamflow/plugin-teamflow-common';
import { MapLayout } from '../../lib/mapLayout';
import {
  EDGE_STYLE,
  MapEdge,
  dashOf,
  edgeGeometry,
  edgeLabel,
  strokeOf,
  widthOf,
} from '../../lib/mapGeometry';
import { useCanvasStyles } from './canvasStyles';

/**
 * The chosen team's dependencies on top of the others: thick, clickable,
 * each with a handle at its midpoint giving its number of entity-level edges.
 */
export function SelectedEdges(props: {
  edges: MapEdge[];
  layout: MapLayout;
  types: Map<string, TeamNode['type']>;
  titles: Map<string, string>;
  selectedEdge?: { from: string; to: string };
  onSelectEdge: (edge: MapEdge) => void;
}) {
  const classes = useCanvasStyles();
  const { edges, layout, types, titles, selectedEdge, onSelectEdge } = props;
  return (
    <g>
      {edges.map(edge => {
        const g = edgeGeometry(edge, layout, types);
        if (!g) return null;
        const isSelected =
          selectedEdge?.from === edge.from && selectedEdge?.to === edge.to;
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
            <path d={g.d} fill="none" stroke="transparent" strokeWidth={14} />
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
                stroke={isSelected ? EDGE_STYLE.highlight : strokeOf(edge)}
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
  );
}
