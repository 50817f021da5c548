import { Fragment, useMemo, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import {
  Box,
  Table as MuiTable,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
  useMediaQuery,
} from '@material-ui/core';
import type { Theme } from '@material-ui/core/styles';
import {
  Content,
  Header,
  InfoCard,
  Link,
  Page,
  Progress,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { deliveryAdminPermission } from '@teamflow/plugin-delivery-common';
import {
  EntityDisplayName,
  entityRouteParams,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import {
  DoraReportYear,
  TeamFlowRow,
  WeekPoint,
  completeWeeks,
  doraBand,
  seriesTrend,
} from '@teamflow/plugin-delivery-common';
import { deliveryApiRef } from '../../api/DeliveryApi';
import { FlowControls } from '../Flow/FlowControls';
import { FlowTiles } from '../Flow/FlowTiles';
import { HowComputed } from '../Flow/HowComputed';
import { windowOf } from '../../lib/window';
import { Sparkline } from '../Flow/Sparkline';
import { formatHours, percent } from '../../lib/format';
import { formatDateTime } from '@teamflow/plugin-teamflow-common';

type Row = {
  id: string;
  teamRef: string;
  perDay: number;
  lead: number | null;
  cfr: number | null;
  recovery: number | null;
  rework: number | null;
  /** undefined: a team with no events in the window. */
  row?: TeamFlowRow;
  /** The team's complete weeks. */
  weeks: WeekPoint[];
};

const dist = (d: { status: string; median?: number }) =>
  d.status === 'ok' ? d.median! : null;
const rateOf = (r: { status: string; rate?: number }) =>
  r.status === 'ok' ? r.rate! : null;

/** Half-over-half change of a weekly series: the trend a team compares itself with. */
function trendWord(values: Array<number | null>, lowerIsBetter: boolean) {
  const known = values.filter((v): v is number => v !== null);
  if (known.length < 4) return '';
  const half = Math.floor(known.length / 2);
  const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
  const before = mean(known.slice(0, half));
  const after = mean(known.slice(half));
  if (before === 0 && after === 0) return '→';
  const change = (after - before) / (Math.abs(before) || 1);
  if (Math.abs(change) < 0.1) return '→ steady';
  const better = lowerIsBetter ? change < 0 : change > 0;
  return `${change > 0 ? '↑' : '↓'} ${better ? 'improving' : 'worsening'}`;
}

/** The organisation page: every team's five metrics as trends. */
export function OrgFlowPage() {
  const api = useApi(deliveryApiRef);
  const entityRoute = useRouteRef(entityRouteRef);
  // A team here opens its own Delivery tab: the same numbers, its detail.
  const deliveryTabOf = (teamRef: string) =>
    `${entityRoute(entityRouteParams(teamRef))}/delivery`;
  const [days, setDays] = useState(90);
  const [year, setYear] = useState<DoraReportYear>(2024);
  const { value, loading, error } = useAsync(
    () => api.getOrganisation(windowOf(days)),
    [api, days],
  );
  const rows: Row[] = useMemo(
    () => [
      ...(value?.teams ?? []).map(r => ({
        id: r.teamRef,
        teamRef: r.teamRef,
        perDay: r.summary.deploymentFrequency.perDay,
        lead: dist(r.summary.leadTimeHours),
        cfr: rateOf(r.summary.changeFailRate),
        recovery: dist(r.summary.recoveryTimeHours),
        rework: rateOf(r.summary.reworkRate),
        row: r,
        weeks: seriesTrend(value!.weeks, r.weekly),
      })),
      // Every other team of the catalog, so none is silently missing.
      ...(value?.teamsWithoutEvents ?? []).map(teamRef => ({
        id: teamRef,
        teamRef,
        perDay: -1,
        lead: null,
        cfr: null,
        recovery: null,
        rework: null,
        weeks: [],
      })),
    ],
    [value],
  );
  const cell = (text: string | null, trend: string) => (
    <Box>
      <Typography variant="body2">{text ?? 'not enough data'}</Typography>
      <Typography variant="caption" color="textSecondary">
        {trend}
      </Typography>
    </Box>
  );
  const noEvents = (
    <Typography variant="body2" color="textSecondary">
      —
    </Typography>
  );
  const weeks = (r: Row, pick: (w: WeekPoint) => number | null) =>
    r.weeks.map(pick);
  // Below 1280 px (a 1024 px laptop: 904 px beside the sidebar) the table's
  // seven columns fit only with narrower cell padding; wider, Backstage's own.
  const narrow = useMediaQuery((theme: Theme) => theme.breakpoints.down('md'));
  const padding = narrow ? { paddingLeft: 8, paddingRight: 8 } : {};
  const shown: TableColumn<Row>[] = [
    {
      title: 'Team',
      field: 'teamRef',
      render: r => (
        <Box>
          <Link to={deliveryTabOf(r.teamRef)}>
            <EntityDisplayName entityRef={r.teamRef} />
          </Link>
          {!r.row && (
            <Typography variant="caption" color="textSecondary" display="block">
              no events in this window — no source connected?
            </Typography>
          )}
        </Box>
      ),
    },
    {
      title: 'Deployments / day',
      field: 'perDay',
      render: r =>
        !r.row
          ? noEvents
          : cell(
              `${r.perDay} (${
                doraBand(year, 'deploymentFrequency', r.perDay).band
              })`,
              trendWord(
                weeks(r, w => w.deployments),
                false,
              ),
            ),
    },
    {
      title: 'Lead time (median)',
      field: 'lead',
      render: r =>
        !r.row
          ? noEvents
          : cell(
              r.lead === null ? null : `≈ ${formatHours(r.lead)}`,
              trendWord(
                weeks(r, w => w.leadTimeMedianHours),
                true,
              ),
            ),
    },
    {
      title: 'Change fail rate',
      field: 'cfr',
      render: r =>
        !r.row
          ? noEvents
          : cell(
              r.cfr === null ? null : percent(r.cfr),
              trendWord(
                weeks(r, w => w.changeFailRate),
                true,
              ),
            ),
    },
    {
      title: 'Recovery (median)',
      field: 'recovery',
      render: r =>
        !r.row
          ? noEvents
          : cell(
              r.recovery === null ? null : `≈ ${formatHours(r.recovery)}`,
              trendWord(
                weeks(r, w => w.recoveryMedianHours),
                true,
              ),
            ),
    },
    {
      title: 'Rework rate',
      field: 'rework',
      render: r =>
        !r.row
          ? noEvents
          : cell(
              r.rework === null ? null : percent(r.rework),
              trendWord(
                weeks(r, w => w.reworkRate),
                true,
              ),
            ),
    },
    {
      title: 'Deployments per week',
      sorting: false,
      render: r =>
        r.row ? (
          <Sparkline
            values={weeks(r, w => w.deployments)}
            label={`Deployments per week of ${r.teamRef}`}
            width={120}
          />
        ) : (
          noEvents
        ),
    },
  ];
  const columns = shown.map(column => ({ ...column, cellStyle: padding }));
  return (
    <Page themeId="tool">
      <Header
        title="Delivery flow"
        subtitle="DORA's five metrics for every team, as trends"
      />
      <Content>
        <FlowControls
          days={days}
          onDays={setDays}
          year={year}
          onYear={setYear}
        />
        {error && <ResponseErrorPanel error={error} />}
        {!value && loading && <Progress />}
        {value && (
          <>
            <Typography variant="h6" gutterBottom>
              The organisation
            </Typography>
            <FlowTiles
              summary={value.organisation}
              definitions={value.definitions}
              year={year}
            />
            <Box mt={3}>
              <Table<Row>
                title={`Teams — ${value.teams.length} of ${
                  value.teams.length + value.teamsWithoutEvents.length
                } send events`}
                subtitle="Compare each team with its own past: arrows compare the later complete weeks of the window with the earlier ones. Bands are context, not a ranking. ≈: medians here come from histograms (buckets a factor √2 wide, at most about 20 % off); a team's own Delivery tab shows the exact value."
                options={{
                  paging: false,
                  search: true,
                  padding: 'dense',
                  headerStyle: padding,
                }}
                columns={columns}
                data={rows}
                emptyContent={
                  <Box p={2}>
                    <Typography>
                      No team has delivery events in this window yet.
                    </Typography>
                  </Box>
                }
              />
            </Box>
            <Box mt={2}>
              <HowComputed definitions={value.definitions} year={year} />
            </Box>
            <SourcesPanel />
          </>
        )}
      </Content>
    </Page>
  );
}

/** Admins: what each source has filed, cursors and backfill progress. */
function SourcesPanel() {
  // Asked first, so nobody without delivery.admin is sent a refusal.
  const { allowed } = usePermission({ permission: deliveryAdminPermission });
  return allowed ? <SourcesList /> : null;
}

function SourcesList() {
  const api = useApi(deliveryApiRef);
  const { value } = useAsync(() => api.getSources(), [api]);
  if (!value) return null;
  const describe = (state: Record<string, unknown>) =>
    Object.entries(state)
      .map(([k, v]) => `${k}: ${typeof v === 'object' ? JSON.stringify(v) : v}`)
      .join(' · ');
  return (
    <Box mt={2}>
      <InfoCard title="Sources (admins)">
        <Typography variant="body2" paragraph>
          Stored: {value.events.deployments} deployments, {value.events.changes}{' '}
          changes, {value.events.incidents} incidents; {value.queued} waiting to
          be judged.
        </Typography>
        {value.sources.length === 0 ? (
          <Typography variant="body2">
            No source has recorded progress yet (the GitHub backfill records one
            row per repository).
          </Typography>
        ) : (
          <MuiTable size="small" aria-label="Delivery sources">
            <TableHead>
              <TableRow>
                <TableCell>Source</TableCell>
                <TableCell>Key</TableCell>
                <TableCell>State</TableCell>
                <TableCell>Updated</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {value.sources.map(s => (
                <TableRow key={`${s.source}:${s.key}`}>
                  <TableCell>{s.source}</TableCell>
                  <TableCell>{s.key}</TableCell>
                  <TableCell>{describe(s.state)}</TableCell>
                  <TableCell>{formatDateTime(s.updatedAt)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </MuiTable>
        )}
      </InfoCard>
    </Box>
  );
}

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
