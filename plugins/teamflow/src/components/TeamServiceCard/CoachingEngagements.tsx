import {
  LinearProgress,
  List,
  ListItem,
  ListItemText,
  Typography,
} from '@material-ui/core';
import useAsync from 'react-use/esm/useAsync';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink, catalogApiRef } from '@backstage/plugin-catalog-react';
import {
  TeamInteractionEntity,
  formatDay,
  refName,
} from '@teamflow/plugin-teamflow-common';
import { todayIso } from '../../lib/interactions';
import { engagementDates, engagementProgress } from './engagementProgress';

/**
 * An enabling team's coaching engagements: the teams it facilitates, what
 * for, since and until when, and how much of the planned time has passed.
 */
export function CoachingEngagements(props: { teamRef: string }) {
  const catalogApi = useApi(catalogApiRef);
  const today = todayIso();
  const { value, loading, error } = useAsync(async () => {
    const { items } = await catalogApi.getEntities({
      filter: {
        kind: 'TeamInteraction',
        'spec.from': props.teamRef,
        'spec.mode': 'facilitating',
      },
    });
    return (items as TeamInteractionEntity[])
      .filter(i => i.spec.status !== 'ended')
      .sort((a, b) =>
        (a.spec.reviewBy ?? '9999').localeCompare(b.spec.reviewBy ?? '9999'),
      );
  }, [catalogApi, props.teamRef]);
  let body;
  if (loading) body = <Progress />;
  else if (error) body = <ResponseErrorPanel error={error} />;
  else if (value!.length === 0) {
    body = (
      <Typography variant="body2">
        No current coaching engagement: declare one as a TeamInteraction with
        mode facilitating, from this team to the team it helps.
      </Typography>
    );
  } else {
    body = (
      <List dense aria-label="Coaching engagements">
        {value!.map(i => {
          const progress = engagementProgress(
            i.spec.startDate,
            i.spec.reviewBy,
            today,
          );
          const overdue =
            i.spec.reviewBy !== undefined && i.spec.reviewBy < today;
          // Before its start a planned engagement has no time passed to show.
          const started = !i.spec.startDate || i.spec.startDate <= today;
          return (
            <ListItem key={i.metadata.name} disableGutters divider>
              <ListItemText
                primary={
                  <>
                    <EntityRefLink entityRef={i.spec.to} defaultKind="group" />
                    {i.spec.status === 'planned' ? ' (planned)' : ''}
                  </>
                }
                secondaryTypographyProps={{
                  component: 'div',
                  style: { whiteSpace: 'normal' },
                }}
                secondary={
                  <>
                    <div>{i.spec.purpose}</div>
                    <div>
                      {engagementDates(
                        i.spec.startDate,
                        i.spec.reviewBy,
                        today,
                        formatDay,
                      )}
                      {started &&
                        progress !== undefined &&
                        ` · ${progress}% of the time planned`}
                    </div>
                    {started && progress !== undefined && (
                      <LinearProgress
                        variant="determinate"
                        value={progress}
                        color={overdue ? 'secondary' : 'primary'}
                        aria-label={`${refName(
                          i.spec.to,
                        )}: ${progress}% of the time planned`}
                      />
                    )}
                  </>
                }
              />
            </ListItem>
          );
        })}
      </List>
    );
  }
  return (
    <InfoCard
      title="Coaching engagements"
      subheader="An enabling team serves other teams, for a while: with whom, what for, until when"
    >
      {body}
    </InfoCard>
  );
}
