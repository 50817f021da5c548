import { Fragment } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { Typography } from '@material-ui/core';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { completeWeeks, seriesTrend } from '@teamflow/plugin-delivery-common';
import { deliveryApiRef } from '../../api/DeliveryApi';
import { windowOf } from '../../lib/window';
import { Sparkline } from '../Flow/Sparkline';
import { formatHours, percent } from '../../lib/format';
import { trendWord } from '../../lib/orgRows';

/** CTO overview card: the organisation's five numbers and the teams to look at. */
export function DeliveryOverviewCard() {
  const api = useApi(deliveryApiRef);
  const { value, loading, error } = useAsync(
    () => api.getOrganisation(windowOf(90)),
    [api],
  );
  let body;
  if (loading) body = <Progress />;
  else if (error) body = <ResponseErrorPanel error={error} />;
  else if (!value!.teams.length)
    body = <Typography>No delivery events yet.</Typography>;
  else {
    const o = value!.organisation;
    const worsening = value!.teams.filter(t =>
      trendWord(
        seriesTrend(value!.weeks, t.weekly).map(w => w.changeFailRate),
        true,
      ).includes('worsening'),
    );
    body = (
      <>
        <Typography variant="body2">
          {o.deploymentFrequency.perDay} deployments a day;{' '}
          {value!.teams.length} of{' '}
          {value!.teams.length + (value!.teamsWithoutEvents?.length ?? 0)} teams
          send events; change fail rate{' '}
          {o.changeFailRate.status === 'ok'
            ? percent(o.changeFailRate.rate)
            : 'not enough data'}
          ; median lead time{' '}
          {o.leadTimeHours.status === 'ok'
            ? `≈ ${formatHours(o.leadTimeHours.median)}`
            : 'not enough data'}
          .
        </Typography>
        <Sparkline
          values={completeWeeks(o.trend).map(w => w.deployments)}
          label="Deployments per week of the organisation"
          width={240}
        />
        <Typography variant="body2">
          Change fail rate worsening:{' '}
          {worsening.length
            ? worsening.map((t, i) => (
                <Fragment key={t.teamRef}>
                  {i > 0 && ', '}
                  <EntityRefLink entityRef={t.teamRef} defaultKind="group" />
                </Fragment>
              ))
            : 'no team'}
        </Typography>
      </>
    );
  }
  return (
    <InfoCard
      title="Delivery flow"
      deepLink={{ title: 'Flow by team', link: '/delivery' }}
    >
      {body}
    </InfoCard>
  );
}
