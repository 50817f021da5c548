import { TeamNode } from '@teamflow/plugin-teamflow-common';
import { BOX, octagon } from '../../lib/mapGeometry';
import { TEAM_TYPE_COLOURS } from '../TeamTypeChip';

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
