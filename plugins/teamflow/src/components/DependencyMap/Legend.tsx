import { teamTypeTitle } from '@teamflow/plugin-teamflow-common';
import { EDGE_STYLE } from '../../lib/mapGeometry';
import { MAP_TEAM_TYPES } from '../../lib/mapFilter';
import { useMapStyles } from './mapStyles';
import { TeamShape } from './TeamShape';

/** What the map's shapes, lines and dots mean. */
export function Legend() {
  const classes = useMapStyles();
  const line = (stroke: string, dash?: string, width = 2) => (
    <svg width={36} height={10} aria-hidden>
      <line
        x1={2}
        y1={5}
        x2={34}
        y2={5}
        stroke={stroke}
        strokeWidth={width}
        strokeDasharray={dash}
      />
    </svg>
  );
  return (
    <div className={classes.legend} aria-label="Legend">
      {MAP_TEAM_TYPES.map(t => (
        <span key={t}>
          <svg width={t === 'enabling' ? 20 : 44} height={28} aria-hidden>
            <g
              transform={`translate(${
                t === 'enabling' ? 10 : 22
              },14) scale(0.3)`}
            >
              <TeamShape type={t} />
            </g>
          </svg>{' '}
          {teamTypeTitle(t)}
        </span>
      ))}
      <span>{line(EDGE_STYLE.declared)} x-as-a-service</span>
      <span>
        {line(EDGE_STYLE.declared, EDGE_STYLE.dash.collaboration)} collaboration
      </span>
      <span>
        {line(EDGE_STYLE.declared, EDGE_STYLE.dash.facilitating)} facilitating
      </span>
      <span>{line(EDGE_STYLE.declared, '3 3', 1)} declared, not observed</span>
      <span>{line(EDGE_STYLE.undeclared)} observed, undeclared</span>
      <span>{line(EDGE_STYLE.declared, undefined, 5)} blocking (thicker)</span>
      <span>
        <svg width={16} height={16} aria-hidden>
          <circle cx={8} cy={8} r={6} fill={EDGE_STYLE.undeclared} />
        </svg>{' '}
        unusually many dependencies
      </span>
    </div>
  );
}
