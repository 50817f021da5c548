import { Box, Link, Typography } from '@material-ui/core';
import { TeamMap } from '../../api/TeamflowApi';
import { MapEdge } from '../../lib/mapGeometry';
import { lookFirst } from '../../lib/mapFilter';

/**
 * What a CTO looks at first on the map: blocking dependencies, interactions
 * past their review date (once per interaction, though a collaboration is
 * an edge each way) and hotspot teams (unusually many dependencies), each
 * opening on the map.
 */
export function LookFirst(props: {
  map: TeamMap;
  titles: Map<string, string>;
  onSelectEdge: (edge: MapEdge) => void;
  onSelectTeam: (ref: string) => void;
}) {
  const { map, titles, onSelectEdge, onSelectTeam } = props;
  const name = (ref: string) => titles.get(ref) ?? ref;
  const { blocking, overdue, hotspots } = lookFirst(map);
  if (!blocking.length && !overdue.length && !hotspots.length)
    return (
      <Typography variant="body2" paragraph>
        No blocking dependency, no interaction past its review date and no team
        with unusually many dependencies.
      </Typography>
    );
  const item = (key: string, label: string, onClick: () => void) => (
    <li key={key}>
      <Link
        component="button"
        variant="body2"
        onClick={onClick}
        style={{ textAlign: 'left' }}
      >
        {label}
      </Link>
    </li>
  );
  return (
    <Box mb={2}>
      <Typography variant="subtitle2">Look at first</Typography>
      <ul aria-label="Look at first" style={{ margin: 0, paddingLeft: 20 }}>
        {blocking.map(e =>
          item(
            `b:${e.from}>${e.to}`,
            `Blocking: ${name(e.from)} waits on ${name(e.to)}`,
            () => onSelectEdge(e),
          ),
        )}
        {overdue.map(e =>
          item(
            `o:${e.from}>${e.to}`,
            `Past review: ${name(e.from)} and ${name(e.to)}`,
            () => onSelectEdge(e),
          ),
        )}
        {hotspots.map(n =>
          item(
            `h:${n.ref}`,
            `Hotspot: ${n.title}, ${n.outbound} dependencies out, ${n.inbound} in`,
            () => onSelectTeam(n.ref),
          ),
        )}
      </ul>
    </Box>
  );
}
