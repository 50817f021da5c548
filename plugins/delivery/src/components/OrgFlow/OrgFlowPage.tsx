import { useMemo, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { Box, Typography, useMediaQuery } from '@material-ui/core';
import type { Theme } from '@material-ui/core/styles';
import {
  Content,
  Header,
  Link,
  Page,
  Progress,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import {
  EntityDisplayName,
  entityRouteParams,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import {
  DoraReportYear,
  WeekPoint,
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
import { SourcesPanel } from './SourcesPanel';
import { Row, dist, rateOf, trendWord } from '../../lib/orgRows';

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
