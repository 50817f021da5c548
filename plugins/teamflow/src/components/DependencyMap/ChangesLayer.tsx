import { memo } from 'react';
import { TeamNode } from '@teamflow/plugin-teamflow-common';
import { MapLayout } from '../../lib/mapLayout';
import { EDGE_STYLE, MapEdge, edgeGeometry } from '../../lib/mapGeometry';

/** Compared with another day: added edges in green, removed ones grey and dashed, on top. */
export const ChangesLayer = memo(function ChangesLayerImpl(props: {
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
