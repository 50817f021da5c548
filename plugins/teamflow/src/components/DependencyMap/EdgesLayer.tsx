import { memo } from 'react';
import { TeamNode } from '@teamflow/plugin-teamflow-common';
import { MapLayout } from '../../lib/mapLayout';
import {
  MapEdge,
  dashOf,
  edgeGeometry,
  strokeOf,
  widthOf,
} from '../../lib/mapGeometry';

/** All edges, drawn once per data change; panning and zooming never re-render them. */
export const EdgesLayer = memo(function EdgesLayerImpl(props: {
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
