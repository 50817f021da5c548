import { ReactNode } from 'react';
import {
  Chip,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
  makeStyles,
  TableContainer,
  withStyles,
} from '@material-ui/core';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink, useEntity } from '@backstage/plugin-catalog-react';
import { stringifyEntityRef } from '@backstage/catalog-model';
import useAsync from 'react-use/esm/useAsync';
import {
  ENGAGEMENT_FALLING_PERCENT,
  FeatureUsage,
  UNASSIGNED_PERSONA,
  UsageResponse,
  READABLE_TABLE_STYLES,
  formatDay,
} from '@teamflow/plugin-teamflow-common';
import { teamflowApiRef } from '../../api/TeamflowApi';
import { Sparkline } from '../Sparkline';

const ReadableTable = withStyles(READABLE_TABLE_STYLES)(TableContainer);

const useStyles = makeStyles(
  theme => ({
    scroll: { overflowX: 'auto' },
    table: {
      '& th, & td': {
        whiteSpace: 'nowrap',
        padding: theme.spacing(0.75, 1),
      },
      // Headings wrap, so nine columns fit 872 px (a 1024 px screen).
      '& th': { whiteSpace: 'normal', verticalAlign: 'bottom' },
      '& td:first-child, & th:first-child': {
        whiteSpace: 'normal',
        minWidth: 160,
        paddingLeft: 0,
      },
    },
    number: { textAlign: 'right', fontVariantNumeric: 'tabular-nums' },
    note: { color: theme.palette.text.secondary },
    summary: { marginBottom: theme.spacing(1) },
    chip: { marginLeft: theme.spacing(1) },
    falling: { color: theme.palette.error.main, fontWeight: 600 },
  }),
  { name: 'TeamflowUsage' },
);

const WEEKS = 4;

/** Numbers as the rest of Teamflow writes them. */
export const formatUsers = (n: number) =>
  n >= 100
    ? Math.round(n).toLocaleString('en-GB')
    : n.toLocaleString('en-GB', { maximumFractionDigits: 1 });
const percent = (x: number | null) =>
  x === null ? '–' : `${Math.round(x * 100)}%`;
const score = (x: number | null) => (x === null ? '–' : x.toFixed(1));

/** Weekly active users over the trend's weeks, as a line. */
export function UsageSparkline(props: { weekly: FeatureUsage['weekly'] }) {
  const { weekly } = props;
  const first = weekly[0];
  const last = weekly[weekly.length - 1];
  return (
    <Sparkline
      fromZero
      values={weekly.map(w => w.activeUsers)}
      label={`Weekly users from ${first ? formatDay(first.week) : ''}: ${
        first?.activeUsers ?? 0
      } to ${last?.activeUsers ?? 0} in the week of ${
        last ? formatDay(last.week) : ''
      }`}
    />
  );
}

function PersonaName(props: { persona: string }) {
  return props.persona === UNASSIGNED_PERSONA ? (
    <Typography variant="body2" component="span">
      No persona matched
    </Typography>
  ) : (
    <EntityRefLink entityRef={props.persona} defaultKind="persona" />
  );
}

/** What the card says before there is anything to count. */
function NotConnected() {
  const classes = useStyles();
  return (
    <Typography variant="body2" className={classes.note}>
      No product analytics connected yet. Point a Segment-compatible source
      (analytics.js, analytics-node, RudderStack, Jitsu) at
      /api/teamflow/analytics with a write key from teamflow.analytics.sources:
      who uses what, per persona, shows here within a minute.
    </Typography>
  );
}

function useUsage(query: { persona?: string; feature?: string }) {
  const api = useApi(teamflowApiRef);
  return useAsync(
    () => api.getUsage({ ...query, weeks: WEEKS }),
    [api, query.persona, query.feature],
  );
}

function since(response: UsageResponse) {
  if (response.lastEventAt)
    return `Last event received ${formatDay(response.lastEventAt)}.`;
  return response.usage.some(u => u.activeUsers > 0)
    ? 'No source has sent an event yet: these figures are the demo’s generated usage.'
    : 'No event received from a source yet.';
}

/**
 * Weekly users of the window against the same number of weeks before it,
 * as a signed percentage; undefined without users before.
 */
export function changeOf(weekly: FeatureUsage['weekly'], weeks: number) {
  const recent = weekly.slice(-weeks);
  const before = weekly.slice(-2 * weeks, -weeks);
  if (before.length < weeks) return undefined;
  const sum = (list: typeof weekly) =>
    list.reduce((n, w) => n + w.activeUsers, 0);
  if (sum(before) === 0) return undefined;
  return Math.round(((sum(recent) - sum(before)) / sum(before)) * 100);
}

/** A change as +12%, −12% or 0%; – when unknown. */
export function signed(n: number | undefined) {
  if (n === undefined) return '–';
  if (n > 0) return `+${n}%`;
  if (n < 0) return `−${-n}%`;
  return '0%';
}

function thisWeekOf(response: UsageResponse, feature: string, persona: string) {
  return response.thisWeek.find(
    t => t.feature === feature && t.persona === persona,
  );
}

function ThisWeek(props: { value?: UsageResponse['thisWeek'][number] }) {
  const { value } = props;
  if (!value) return <>0</>;
  return (
    <>
      {formatUsers(value.activeUsers)}{' '}
      <Typography variant="caption" component="span">
        ({value.events.toLocaleString('en-GB')}{' '}
        {value.events === 1 ? 'event' : 'events'})
      </Typography>
    </>
  );
}

function Frame(props: { title: string; children: ReactNode }) {
  return (
    <InfoCard
      title={props.title}
      subheader={`Last ${WEEKS} complete weeks; active users are distinct users per week, averaged`}
    >
      {props.children}
    </InfoCard>
  );
}

/** A usage card before its figures: loading, failed, or no analytics connected. */
function Pending(props: {
  title: string;
  state: { loading: boolean; error?: Error };
}) {
  const { title, state } = props;
  let body = <NotConnected />;
  if (state.loading) body = <Progress />;
  else if (state.error) body = <ResponseErrorPanel error={state.error} />;
  return <Frame title={title}>{body}</Frame>;
}

/**
 * On a feature's page: who uses it, per persona — reach and the HEART
 * figures — against the personas it was aimed at.
 *
 * @public
 */
export function FeatureUsageCard() {
  const classes = useStyles();
  const { entity } = useEntity();
  const self = stringifyEntityRef(entity).toLocaleLowerCase('en-US');
  const state = useUsage({ feature: self });
  const title = 'Who uses it';
  const { value } = state;
  if (!value?.connected) return <Pending title={title} state={state} />;
  const used = value.usage.filter(u => u.activeUsers > 0);
  const total = used.reduce((s, u) => s + u.activeUsers, 0);
  const top = used[0];
  const aimed = value.usage.filter(u => u.targeted);
  let summary: string;
  const soFar = value.thisWeek.reduce((n, t) => n + t.activeUsers, 0);
  if (!top && soFar)
    summary = `${formatUsers(soFar)} ${
      soFar === 1 ? 'user' : 'users'
    } this week so far; the weekly figures start with its first complete week.`;
  else if (!top)
    summary = `Nobody used it in the last ${WEEKS} weeks. ${since(value)}`;
  else if (aimed.length && !top.targeted)
    summary = `Aimed at ${
      aimed.length === 1 ? 'one persona' : `${aimed.length} personas`
    }, used mostly by another: ${Math.round(
      (top.activeUsers / total) * 100,
    )}% of its weekly users are a persona it was not aimed at.`;
  else
    summary = `${formatUsers(total)} users a week; ${Math.round(
      (top.activeUsers / total) * 100,
    )}% of them are the ${
      top.targeted ? 'persona it is aimed at' : 'persona using it most'
    }.`;
  return (
    <Frame title={title}>
      <Typography variant="body2" className={classes.summary}>
        {summary}
      </Typography>
      <div className={classes.scroll}>
        <ReadableTable>
          <Table
            size="small"
            className={classes.table}
            aria-label="Use per persona"
          >
            <TableHead>
              <TableRow>
                <TableCell>Persona</TableCell>
                <TableCell className={classes.number}>Users a week</TableCell>
                <TableCell>13 weeks</TableCell>
                <TableCell className={classes.number}>
                  This week so far
                </TableCell>
                <TableCell className={classes.number}>Events</TableCell>
                <TableCell className={classes.number}>New users</TableCell>
                <TableCell className={classes.number}>Back next week</TableCell>
                <TableCell className={classes.number}>Task success</TableCell>
                <TableCell className={classes.number}>Happiness</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {value.usage.map(u => (
                <TableRow key={u.persona}>
                  <TableCell>
                    <PersonaName persona={u.persona} />
                    {u.targeted && (
                      <Chip
                        size="small"
                        label="aimed at"
                        className={classes.chip}
                      />
                    )}
                  </TableCell>
                  <TableCell className={classes.number}>
                    {formatUsers(u.activeUsers)}
                  </TableCell>
                  <TableCell>
                    <UsageSparkline weekly={u.weekly} />
                  </TableCell>
                  <TableCell className={classes.number}>
                    <ThisWeek value={thisWeekOf(value, u.feature, u.persona)} />
                  </TableCell>
                  <TableCell className={classes.number}>
                    {u.events.toLocaleString('en-GB')}
                  </TableCell>
                  <TableCell className={classes.number}>
                    {u.newUsers.toLocaleString('en-GB')}
                  </TableCell>
                  <TableCell className={classes.number}>
                    {percent(u.retention)}
                  </TableCell>
                  <TableCell className={classes.number}>
                    {percent(u.taskSuccess)}
                  </TableCell>
                  <TableCell className={classes.number}>
                    {score(u.happiness)}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </ReadableTable>
      </div>
      <Typography variant="caption" component="p" className={classes.note}>
        Back next week: of a week&apos;s users, the share using it again the
        week after. Task success and happiness come from the success, failure
        and score events the feature declares (spec.analytics); – where none
        were declared or sent. {since(value)}
      </Typography>
    </Frame>
  );
}

/**
 * On a persona's page: the features this persona uses most, with their
 * trend, and whether the features aimed at it reach it.
 *
 * @public
 */
export function PersonaUsageCard() {
  const classes = useStyles();
  const { entity } = useEntity();
  const self = stringifyEntityRef(entity).toLocaleLowerCase('en-US');
  const state = useUsage({ persona: self });
  const title = 'Features this persona uses most';
  const { value } = state;
  if (!value?.connected) return <Pending title={title} state={state} />;
  const rules = (entity.spec as any)?.analytics?.rules;
  if (!value.usage.length)
    return (
      <Frame title={title}>
        <Typography variant="body2">
          {Array.isArray(rules) && rules.length
            ? `No use by this persona in the last ${WEEKS} weeks. ${since(
                value,
              )}`
            : 'Product analytics cannot recognise this persona yet: declare spec.analytics.rules (trait conditions on identify calls).'}
        </Typography>
      </Frame>
    );
  const launched = (u: FeatureUsage) =>
    u.lifecycle === undefined || u.lifecycle === 'launched';
  const missed = value.usage.filter(
    u => u.targeted && u.activeUsers === 0 && launched(u),
  );
  const chipOf = (u: FeatureUsage) => {
    if (!launched(u)) return `aimed at it · ${u.lifecycle}`;
    return u.activeUsers === 0 ? 'aimed at it, not reaching it' : 'aimed at it';
  };
  return (
    <Frame title={title}>
      {missed.length > 0 && (
        <Typography variant="body2" className={classes.summary}>
          {missed.length === 1
            ? 'One feature aimed at this persona does'
            : `${missed.length} features aimed at this persona do`}{' '}
          not reach it yet.
        </Typography>
      )}
      <div className={classes.scroll}>
        <ReadableTable>
          <Table
            size="small"
            className={classes.table}
            aria-label="Features used by this persona"
          >
            <TableHead>
              <TableRow>
                <TableCell>Feature</TableCell>
                <TableCell className={classes.number}>Users a week</TableCell>
                <TableCell>13 weeks</TableCell>
                <TableCell className={classes.number}>Change</TableCell>
                <TableCell className={classes.number}>Events</TableCell>
                <TableCell className={classes.number}>Back next week</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {value.usage.map(u => (
                <TableRow key={u.feature}>
                  <TableCell>
                    <EntityRefLink
                      entityRef={u.feature}
                      defaultKind="feature"
                    />
                    {u.targeted && (
                      <Chip
                        size="small"
                        label={chipOf(u)}
                        className={classes.chip}
                        color={missed.includes(u) ? 'secondary' : 'default'}
                      />
                    )}
                  </TableCell>
                  <TableCell className={classes.number}>
                    {formatUsers(u.activeUsers)}
                  </TableCell>
                  <TableCell>
                    <UsageSparkline weekly={u.weekly} />
                  </TableCell>
                  <TableCell className={classes.number}>
                    {signed(changeOf(u.weekly, WEEKS))}
                  </TableCell>
                  <TableCell className={classes.number}>
                    {u.events.toLocaleString('en-GB')}
                  </TableCell>
                  <TableCell className={classes.number}>
                    {percent(u.retention)}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </ReadableTable>
      </div>
      <Typography variant="caption" component="p" className={classes.note}>
        Change: users a week against the {WEEKS} weeks before. {since(value)}
      </Typography>
    </Frame>
  );
}

/**
 * On the CTO overview: every persona's engagement against the four weeks
 * before, falling first, with the features each uses most.
 *
 * @public
 */
export function PersonaEngagementCard() {
  const classes = useStyles();
  const api = useApi(teamflowApiRef);
  const { value, loading, error } = useAsync(
    () => api.getEngagement(WEEKS),
    [api],
  );
  let body;
  if (loading) body = <Progress />;
  else if (error) body = <ResponseErrorPanel error={error} />;
  else if (!value?.connected) body = <NotConnected />;
  else if (!value.personas.length)
    body = (
      <Typography variant="body2">
        No feature use in the last {WEEKS * 2} weeks.
      </Typography>
    );
  else {
    const falling = value.personas.filter(
      p => p.change !== null && p.change <= ENGAGEMENT_FALLING_PERCENT,
    );
    body = (
      <>
        <Typography variant="body2" className={classes.summary}>
          {falling.length === 0
            ? 'No persona’s engagement is falling.'
            : `${falling.length} of ${value.personas.length} personas ${
                falling.length === 1 ? 'uses' : 'use'
              } the product less than in the ${WEEKS} weeks before.`}
        </Typography>
        <ReadableTable>
          <Table
            size="small"
            className={classes.table}
            aria-label="Persona engagement"
          >
            <TableHead>
              <TableRow>
                <TableCell>Persona</TableCell>
                <TableCell className={classes.number}>Change</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {value.personas.map(p => (
                <TableRow key={p.persona}>
                  <TableCell>
                    <PersonaName persona={p.persona} />
                    {p.topFeatures[0] && (
                      <Typography
                        variant="caption"
                        component="div"
                        className={classes.note}
                      >
                        Uses most:{' '}
                        <EntityRefLink
                          entityRef={p.topFeatures[0]}
                          defaultKind="feature"
                        />
                      </Typography>
                    )}
                  </TableCell>
                  <TableCell
                    className={`${classes.number} ${
                      falling.includes(p) ? classes.falling : ''
                    }`}
                  >
                    {p.change === null ? 'new' : signed(p.change)}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </ReadableTable>
        <Typography variant="caption" component="p" className={classes.note}>
          Change: the users of each feature summed over the last {WEEKS}{' '}
          complete weeks against the {WEEKS} before; a fall of{' '}
          {-ENGAGEMENT_FALLING_PERCENT}% or more is falling.
        </Typography>
      </>
    );
  }
  return <InfoCard title="Persona engagement">{body}</InfoCard>;
}
