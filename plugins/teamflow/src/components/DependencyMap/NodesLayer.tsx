import { memo } from 'react';
import { TeamNode } from '@teamflow/plugin-teamflow-common';
import { MapLayout } from '../../lib/mapLayout';
import { BOX, EDGE_STYLE } from '../../lib/mapGeometry';
import { useCanvasStyles } from './canvasStyles';
import { TeamShape } from './TeamShape';

/** The teams, each a focusable button in its Team Topologies shape; hotspots get a red dot. */
export const NodesLayer = memo(function NodesLayerImpl(props: {
  nodes: TeamNode[];
  layout: MapLayout;
  context: Set<string>;
  selected?: string;
  found: Set<string>;
  onSelect: (ref: string) => void;
}) {
  const classes = useCanvasStyles();
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
