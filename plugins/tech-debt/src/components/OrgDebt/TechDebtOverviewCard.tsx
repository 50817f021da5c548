import { List, ListItem, ListItemText, Typography } from '@material-ui/core';
import useAsync from 'react-use/esm/useAsync';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { techDebtApiRef } from '../../api/TechDebtApi';
import { TrendLine } from '../TrendLine';
import { DebtTeam } from './DebtTeam';

/** For the CTO overview: open debt, its trend and the teams carrying most. */
export function TechDebtOverviewCard() {
  const api = useApi(techDebtApiRef);
  const { value, loading, error } = useAsync(() => api.getOrgRollup(), [api]);
  let body;
  if (loading) body = <Progress />;
  else if (error) body = <ResponseErrorPanel error={error} />;
  else {
    body = (
      <>
        <Typography variant="body2">
          {value!.open} open items, score {value!.score};{' '}
          {value!.quickWins.length} quick wins.
        </Typography>
        <TrendLine trend={value!.trend} label="Open debt of the organisation" />
        <List dense aria-label="Teams with most debt">
          {value!.byTeam.slice(0, 3).map(t => (
            <ListItem key={t.teamRef} disableGutters>
              <ListItemText
                style={{ whiteSpace: 'normal' }}
                primary={
                  <>
                    <DebtTeam teamRef={t.teamRef} />: {t.open} open, score{' '}
                    {t.score}
                  </>
                }
              />
            </ListItem>
          ))}
        </List>
      </>
    );
  }
  return (
    <InfoCard
      title="Technical debt"
      deepLink={{ title: 'Debt by team', link: '/tech-debt' }}
    >
      {body}
    </InfoCard>
  );
}
