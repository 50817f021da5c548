import {
  Box,
  List,
  ListItem,
  ListItemText,
  Typography,
  makeStyles,
} from '@material-ui/core';
import useAsync from 'react-use/esm/useAsync';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink, useEntity } from '@backstage/plugin-catalog-react';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { techDebtApiRef } from '../../api/TechDebtApi';
import { CategoryBars } from '../CategoryBars';
import { TrendLine } from '../TrendLine';

const useStyles = makeStyles(
  { big: { fontSize: '2rem', fontWeight: 700, lineHeight: 1.1 } },
  { name: 'TechDebtTeamCard' },
);

/**
 * A team's debt over everything it owns: open items and their total score,
 * by category, the trend of open debt, quick wins and the top items.
 */
export function TeamTechDebtCard() {
  const classes = useStyles();
  const { entity } = useEntity();
  const api = useApi(techDebtApiRef);
  const ref = stringifyEntityRef(entity).toLocaleLowerCase('en-US');
  const { value, loading, error } = useAsync(
    () => api.getTeamRollup(ref),
    [api, ref],
  );
  let body;
  if (loading) body = <Progress />;
  else if (error) body = <ResponseErrorPanel error={error} />;
  else if (value!.open === 0 && Object.keys(value!.byStatus).length === 0) {
    body = (
      <Typography variant="body2">
        No technical debt recorded on this team's components, systems, resources
        or APIs yet.
      </Typography>
    );
  } else {
    const r = value!;
    body = (
      <>
        <Box display="flex" alignItems="baseline" style={{ gap: 8 }}>
          <Typography className={classes.big} aria-label="Open debt items">
            {r.open}
          </Typography>
          <Typography variant="body2">
            open items, total priority score {r.score}
            {r.byStatus.resolved ? ` · ${r.byStatus.resolved} resolved` : ''}
          </Typography>
        </Box>
        <CategoryBars byCategory={r.byCategory} />
        <TrendLine
          trend={r.trend}
          label={`Open debt of ${entity.metadata.name}`}
        />
        {r.quickWins.length > 0 && (
          <>
            <Typography variant="overline" component="p">
              Quick wins
            </Typography>
            <List dense aria-label="Quick wins">
              {r.quickWins.slice(0, 3).map(i => (
                <ListItem key={i.id} disableGutters>
                  <ListItemText
                    style={{ whiteSpace: 'normal' }}
                    primary={i.title}
                    secondary={<EntityRefLink entityRef={i.entityRef} />}
                  />
                </ListItem>
              ))}
            </List>
          </>
        )}
        <Typography variant="overline" component="p">
          Highest priority
        </Typography>
        <List dense aria-label="Highest priority debt">
          {r.top.slice(0, 5).map(i => (
            <ListItem key={i.id} disableGutters>
              <ListItemText
                style={{ whiteSpace: 'normal' }}
                primary={`${i.title} (${i.score})`}
                secondary={<EntityRefLink entityRef={i.entityRef} />}
              />
            </ListItem>
          ))}
        </List>
      </>
    );
  }
  return <InfoCard title="Technical debt">{body}</InfoCard>;
}
