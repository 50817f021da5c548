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
import {
  EntityRefLink,
  catalogApiRef,
  useEntity,
} from '@backstage/plugin-catalog-react';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import {
  TEAM_TYPE_LABEL,
  TeamInteractionEntity,
  formatDay,
  interactionModeTitle,
  refName,
} from '@teamflow/plugin-teamflow-common';
import { teamflowApiRef } from '../../api/TeamflowApi';
import { todayIso } from '../../lib/interactions';

/** Share of an engagement's planned time that has passed, 0–100. */
export function engagementProgress(
  startDate: string | undefined,
  reviewBy: string | undefined,
  today: string,
): number | undefined {
  if (!startDate || !reviewBy) return undefined;
  const start = Date.parse(`${startDate}T00:00:00Z`);
  const end = Date.parse(`${reviewBy}T00:00:00Z`);
  const now = Date.parse(`${today}T00:00:00Z`);
  if (!(end > start)) return undefined;
  return Math.max(
    0,
    Math.min(100, Math.round(((now - start) / (end - start)) * 100)),
  );
}

/**
 * An enabling team's coaching engagements: the teams it facilitates, what
 * for, since and until when, and how much of the planned time has passed.
 */
function CoachingEngagements(props: { teamRef: string }) {
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
                      {i.spec.startDate
                        ? `Since ${formatDay(i.spec.startDate)}`
                        : 'Start not declared'}
                      {i.spec.reviewBy
                        ? ` · ${
                            overdue ? 'review overdue since' : 'until'
                          } ${formatDay(i.spec.reviewBy)}`
                        : ' · no review date'}
                      {progress !== undefined &&
                        ` · ${progress}% of the time planned`}
                    </div>
                    {progress !== undefined && (
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

/**
 * A platform team's consumers: each team depending on it, through which of
 * its APIs and components (observed in the catalog), and whether the
 * relationship is declared.
 */
function PlatformConsumers(props: { teamRef: string }) {
  const api = useApi(teamflowApiRef);
  const { namespace, name } = parseEntityRef(props.teamRef);
  const { value, loading, error } = useAsync(
    () => api.getTeamNeighbourhood({ namespace, name }),
    [api, namespace, name],
  );
  let body;
  if (loading) body = <Progress />;
  else if (error) body = <ResponseErrorPanel error={error} />;
  else {
    const consumers = value!.edges
      .filter(e => e.to === props.teamRef)
      .sort((a, b) => b.weight - a.weight || a.from.localeCompare(b.from));
    body =
      consumers.length === 0 ? (
        <Typography variant="body2">
          No team depends on this platform yet: consumers show up here when
          their components declare dependsOn or consumesApi on what it owns.
        </Typography>
      ) : (
        <List dense aria-label="Teams using the platform">
          {consumers.map(e => {
            const through = [...new Set(e.observed.map(o => o.target))];
            return (
              <ListItem key={e.from} disableGutters divider>
                <ListItemText
                  primary={
                    <EntityRefLink entityRef={e.from} defaultKind="group" />
                  }
                  secondaryTypographyProps={{
                    component: 'div',
                    style: { whiteSpace: 'normal' },
                  }}
                  secondary={
                    <>
                      {through.length > 0 ? (
                        <div>
                          Through{' '}
                          {through.map((t, n) => (
                            <span key={t}>
                              {n > 0 && ', '}
                              <EntityRefLink entityRef={t} />
                            </span>
                          ))}
                        </div>
                      ) : (
                        <div>No API or component use observed</div>
                      )}
                      <div>
                        {e.declared.length > 0
                          ? `Declared: ${e.declared
                              .map(d => interactionModeTitle(d.mode))
                              .join(', ')}`
                          : 'Not declared as a TeamInteraction'}
                      </div>
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
      title="Teams using the platform"
      subheader="Who depends on this platform, and through which APIs and components"
    >
      {body}
    </InfoCard>
  );
}

/**
 * What a team offers other teams, fitted to its type: an enabling team's
 * coaching engagements, a platform team's consumers. Nothing for other types.
 *
 * @public
 */
export function TeamServiceCard() {
  const { entity } = useEntity();
  const teamRef = stringifyEntityRef(entity).toLocaleLowerCase('en-US');
  const type = entity.metadata.labels?.[TEAM_TYPE_LABEL];
  if (type === 'enabling') return <CoachingEngagements teamRef={teamRef} />;
  if (type === 'platform') return <PlatformConsumers teamRef={teamRef} />;
  return null;
}
