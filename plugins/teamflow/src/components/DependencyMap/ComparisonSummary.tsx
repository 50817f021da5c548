import { Box, Typography } from '@material-ui/core';
import { HistoricTeamMap, formatDay } from '@teamflow/plugin-teamflow-common';
import { EDGE_STYLE } from '../../lib/mapGeometry';
import { useHistoryStyles } from './historyStyles';

/** What the compared map marks, in words, with the legend's two swatches. */
export function ComparisonSummary(props: {
  map: HistoricTeamMap;
  titles: Map<string, string>;
}) {
  const classes = useHistoryStyles();
  const c = props.map.comparison;
  if (!c) return null;
  const plural = (n: number, one: string, many: string) =>
    `${n} ${n === 1 ? one : many}`;
  return (
    <Box mb={1} aria-label="Changes on the map">
      <Typography variant="body2">
        Compared with {formatDay(c.with)}:{' '}
        <span
          className={classes.swatch}
          style={{ borderColor: EDGE_STYLE.added }}
        />
        {plural(c.addedEdges.length, 'dependency', 'dependencies')} added,{' '}
        <span
          className={classes.swatch}
          style={{ borderColor: EDGE_STYLE.removed, borderTopStyle: 'dashed' }}
        />
        {plural(c.removedEdges.length, 'dependency', 'dependencies')} gone
        {c.addedTeams.length > 0 &&
          `; new: ${c.addedTeams
            .map(r => props.titles.get(r) ?? r)
            .join(', ')}`}
        {c.removedTeams.length > 0 &&
          `; gone: ${c.removedTeams.map(t => t.title).join(', ')}`}
        .
      </Typography>
    </Box>
  );
}
