import { ReactNode } from 'react';
import {
  Grid,
  List,
  ListItem,
  ListItemText,
  Typography,
} from '@material-ui/core';
import useAsync from 'react-use/esm/useAsync';
import {
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  valueStreamTitle,
  TEAM_TYPES_OR_UNDECLARED,
} from '@teamflow/plugin-teamflow-common';
import { teamflowApiRef } from '../../api/TeamflowApi';
import { TEAM_TYPE_COLOURS } from '../TeamTypeChip';
import { WhatChangedCard } from './WhatChanged';
import { AttentionCard } from '../Attention';
import { PersonaEngagementCard } from '../Usage';
import { NorthStarCard } from '../NorthStar';
import { OwnerRef } from '../OwnerRef';
import { Placeholder } from './Placeholder';
import { BAND_COLOURS, CountBar } from './CountBar';
import { Scorecard } from './Scorecard';
import { useOverviewStyles } from './overviewStyles';

/**
 * Cards other plugins put on the overview; where one is missing a marked placeholder shows.
 *
 * @public
 */
export type OverviewSlots = {
  delivery?: ReactNode;
  cognitiveLoad?: ReactNode;
  techDebt?: ReactNode;
};

/**
 * The CTO overview: org-health scorecard, what changed since last week, team-type mix, the dependency map
 * in numbers, structural load across teams, persona coverage and ownership
 * hygiene, with places for delivery, cognitive-load and debt cards.
 */
export function OverviewView(props: {
  slots?: OverviewSlots;
  mapLink?: string;
}) {
  const classes = useOverviewStyles();
  const api = useApi(teamflowApiRef);
  const { value, loading, error } = useAsync(() => api.getOverview(), [api]);
  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  const o = value!;
  if (o.teams.total === 0) {
    return (
      <Typography>
        No teams in the catalog yet: the overview fills in once team Groups
        (spec.type: team) are registered.
      </Typography>
    );
  }
  const { slots = {}, mapLink = 'map' } = props;
  // The organisation page's other tabs sit next to the map.
  const root = mapLink.replace(/\/?map$/, '') || '.';
  const types = TEAM_TYPES_OR_UNDECLARED;
  return (
    <Grid container spacing={3} alignItems="stretch">
      <Grid item xs={12} md={6} lg={4}>
        <Scorecard
          items={o.scorecard}
          links={{
            'stream-aligned-with-persona': `${root}/coverage`,
            'blocking-dependencies': `${mapLink}?problems=true`,
            'overdue-collaborations': `${mapLink}?problems=true`,
            'components-not-owned-by-a-team': `${root}/hygiene`,
            'teams-without-type': `${mapLink}?type=undeclared`,
          }}
        />
      </Grid>
      <Grid item xs={12} md={6} lg={4}>
        <WhatChangedCard mapLink={mapLink} />
      </Grid>
      <Grid item xs={12} md={6} lg={4}>
        <AttentionCard attentionLink={`${root}/attention`} />
      </Grid>
      <Grid item xs={12} lg={8}>
        <NorthStarCard />
      </Grid>
      <Grid item xs={12} md={6} lg={4}>
        <PersonaEngagementCard />
      </Grid>
      <Grid item xs={12} md={6} lg={4}>
        <InfoCard title="Team types">
          <Typography className={classes.big}>{o.teams.total}</Typography>
          <Typography variant="body2">teams</Typography>
          <CountBar
            label="Team-type mix"
            parts={types.map(t => ({
              key: t,
              count: o.teams.byType[t],
              colour: TEAM_TYPE_COLOURS[t],
            }))}
          />
          <Typography variant="overline" component="p">
            Largest value streams
          </Typography>
          {o.teams.byValueStream.slice(0, 6).map(v => (
            <Typography variant="body2" key={v.valueStream}>
              {valueStreamTitle(v.valueStream)}: {v.teams} teams
            </Typography>
          ))}
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={6} lg={4}>
        <InfoCard
          title="Dependencies between teams"
          deepLink={{ title: 'Open the dependency map', link: mapLink }}
        >
          <Typography className={classes.big}>
            {o.dependencies.teamEdges}
          </Typography>
          <Typography variant="body2" gutterBottom>
            team dependencies from {o.dependencies.entityEdges} entity-level
            edges
          </Typography>
          <List dense aria-label="Dependency summary">
            <ListItem disableGutters>
              <ListItemText
                primary={`${o.dependencies.declaredAndObserved} declared and observed`}
              />
            </ListItem>
            <ListItem disableGutters>
              <ListItemText
                primary={`${o.dependencies.observedUndeclared} observed but undeclared`}
                className={
                  o.dependencies.observedUndeclared
                    ? classes.warning
                    : undefined
                }
              />
            </ListItem>
            <ListItem disableGutters>
              <ListItemText
                primary={`${o.dependencies.declaredOnly} declared but not observed`}
                secondaryTypographyProps={{ style: { whiteSpace: 'normal' } }}
                secondary={
                  o.dependencies.coaching
                    ? `and ${o.dependencies.coaching} coaching ${
                        o.dependencies.coaching === 1 ? 'link' : 'links'
                      } (facilitating, no system dependency expected)`
                    : undefined
                }
              />
            </ListItem>
            <ListItem disableGutters>
              <ListItemText
                primary={`${o.dependencies.blocking} blocking, ${
                  o.dependencies.overdue
                } ${
                  o.dependencies.overdue === 1 ? 'interaction' : 'interactions'
                } past review`}
              />
            </ListItem>
            <ListItem disableGutters>
              <ListItemText
                primary={`${o.dependencies.teamsWithManyDependencies.length} ${
                  o.dependencies.teamsWithManyDependencies.length === 1
                    ? 'team'
                    : 'teams'
                } with unusually many dependencies`}
              />
            </ListItem>
          </List>
          <Link to={`${mapLink}?problems=true`}>Show only the problems</Link>
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={6} lg={4}>
        <InfoCard title="Structural load">
          <CountBar
            label="Teams by structural load band"
            parts={(['low', 'moderate', 'high', 'overloaded'] as const).map(
              b => ({
                key: b,
                count: o.load.byBand[b],
                colour: BAND_COLOURS[b],
              }),
            )}
          />
          <Typography variant="overline" component="p">
            Highest load
          </Typography>
          <List dense aria-label="Teams with the highest structural load">
            {o.load.highest.slice(0, 5).map(l => (
              <ListItem key={l.teamRef} disableGutters>
                <ListItemText
                  primary={
                    <>
                      <EntityRefLink
                        entityRef={l.teamRef}
                        defaultKind="group"
                      />{' '}
                      {l.score} ({l.band})
                    </>
                  }
                />
              </ListItem>
            ))}
          </List>
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={6} lg={4}>
        <InfoCard title="Persona coverage">
          <Typography className={classes.big}>
            {o.personas.served} of {o.personas.total}
          </Typography>
          <Typography variant="body2" gutterBottom>
            personas served by at least one team
          </Typography>
          {o.personas.unserved.length > 0 && (
            <>
              <Typography variant="overline" component="p">
                No team serves
              </Typography>
              <List dense aria-label="Unserved personas">
                {o.personas.unserved.slice(0, 5).map(p => (
                  <ListItem key={p.ref} disableGutters>
                    <EntityRefLink entityRef={p.ref} title={p.title} />
                  </ListItem>
                ))}
              </List>
            </>
          )}
          {o.personas.streamAlignedWithout.length > 0 && (
            <>
              <Typography variant="overline" component="p">
                Stream-aligned teams without a persona
              </Typography>
              <List dense aria-label="Stream-aligned teams without a persona">
                {o.personas.streamAlignedWithout.slice(0, 5).map(ref => (
                  <ListItem key={ref} disableGutters>
                    <EntityRefLink entityRef={ref} defaultKind="group" />
                  </ListItem>
                ))}
              </List>
            </>
          )}
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={6} lg={4}>
        <InfoCard title="Ownership hygiene">
          <Typography className={classes.big}>
            {o.ownership.notOwnedByTeam}
          </Typography>
          <Typography variant="body2" gutterBottom>
            of {o.ownership.components} components not owned by a team (every
            owned kind: the ownership hygiene tab)
          </Typography>
          <List dense aria-label="Components not owned by a team">
            {o.ownership.examples.slice(0, 5).map(c => (
              <ListItem key={c.ref} disableGutters>
                <ListItemText
                  primary={<EntityRefLink entityRef={c.ref} />}
                  secondary={
                    c.owner ? (
                      <>
                        owner <OwnerRef owner={c.owner} />
                      </>
                    ) : (
                      'no owner'
                    )
                  }
                />
              </ListItem>
            ))}
          </List>
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={4}>
        {slots.delivery ?? (
          <Placeholder title="Delivery (DORA)">
            Delivery metrics by team with trends appear here once the Teamflow
            delivery plugin is installed.
          </Placeholder>
        )}
      </Grid>
      <Grid item xs={12} md={4}>
        {slots.cognitiveLoad ?? (
          <Placeholder title="Cognitive load (surveys)">
            The perceived cognitive-load heatmap appears here once the Teamflow
            cognitive-load survey plugin is installed.
          </Placeholder>
        )}
      </Grid>
      <Grid item xs={12} md={4}>
        {slots.techDebt ?? (
          <Placeholder title="Technical debt">
            Technical debt by team appears here once the Teamflow tech-debt
            plugin is installed.
          </Placeholder>
        )}
      </Grid>
    </Grid>
  );
}
