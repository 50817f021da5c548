import {
  Chip,
  List,
  ListItem,
  ListItemText,
  Typography,
} from '@material-ui/core';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { TeamEdge, isCoachingOnly } from '@teamflow/plugin-teamflow-common';
import { useNeighbourhoodStyles } from './neighbourhoodStyles';
import { ChipRow } from '../ChipRow';

const CLASS_LABELS: Record<TeamEdge['classification'], string> = {
  'declared-and-observed': 'declared',
  'declared-only': 'declared, not observed',
  'observed-undeclared': 'undeclared',
};

/** What is behind a team edge, in a line. */
function edgeDetail(edge: TeamEdge) {
  if (edge.weight > 0) {
    const shown = edge.observed
      .slice(0, 3)
      .map(o => `${o.source.split('/')[1]} → ${o.target.split('/')[1]}`)
      .join(', ');
    return `${edge.weight} entity-level edge${
      edge.weight === 1 ? '' : 's'
    }: ${shown}${edge.weight > 3 ? ', …' : ''}`;
  }
  return isCoachingOnly(edge)
    ? 'Coaching: no system dependency expected'
    : 'No entity-level dependency observed';
}

/** A team's dependencies one way, each with how it is declared and observed. */
export function EdgeList(props: {
  edges: TeamEdge[];
  other: (e: TeamEdge) => string;
  label: string;
}) {
  const classes = useNeighbourhoodStyles();
  if (props.edges.length === 0) {
    return <Typography variant="body2">None.</Typography>;
  }
  return (
    <List dense aria-label={props.label}>
      {props.edges.map(edge => (
        <ListItem key={`${edge.from}>${edge.to}`} disableGutters divider>
          <ListItemText
            primary={
              <ChipRow>
                <EntityRefLink
                  entityRef={props.other(edge)}
                  defaultKind="group"
                />
                <Chip
                  size="small"
                  label={
                    isCoachingOnly(edge)
                      ? 'coaching'
                      : CLASS_LABELS[edge.classification]
                  }
                  className={
                    edge.classification === 'observed-undeclared'
                      ? classes.undeclared
                      : undefined
                  }
                />
                {edge.blocking && (
                  <Chip
                    size="small"
                    label="blocking"
                    className={classes.flag}
                  />
                )}
                {edge.overdue && (
                  <Chip
                    size="small"
                    label="review overdue"
                    className={classes.flag}
                  />
                )}
              </ChipRow>
            }
            secondary={edgeDetail(edge)}
            secondaryTypographyProps={{
              component: 'div',
              style: { whiteSpace: 'normal' },
            }}
          />
        </ListItem>
      ))}
    </List>
  );
}
