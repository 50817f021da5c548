import { ReactNode, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import {
  Accordion,
  AccordionDetails,
  AccordionSummary,
  Box,
  Button,
  Checkbox,
  Chip,
  Dialog,
  DialogContent,
  DialogTitle,
  FormControl,
  FormControlLabel,
  Grid,
  InputLabel,
  Link,
  MenuItem,
  Paper,
  Select,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TableSortLabel,
  Typography,
  TableContainer,
  withStyles,
} from '@material-ui/core';
import {
  READABLE_TABLE_STYLES,
  formatDateTime,
} from '@teamflow/plugin-teamflow-common';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  ChangeRecord,
  DORA_BANDS,
  DORA_REPORT_YEARS,
  DeploymentRecord,
  DoraReportYear,
  FlowDefinitions,
  FlowSummary,
  FlowTargets,
} from '@teamflow/plugin-delivery-common';
import {
  DrillDownFilter,
  FlowQuery,
  deliveryApiRef,
} from '../../api/DeliveryApi';
import {
  Tile,
  TileKey,
  definitionOf,
  formatHours,
  percent,
  tilesOf,
} from './format';
import { Sparkline } from './Sparkline';

const ReadableTable = withStyles(READABLE_TABLE_STYLES)(TableContainer);

const DAY = 86_400_000;

/** The window ending tomorrow (today included), as the API takes it. */
export function windowOf(days: number, now = Date.now()) {
  const to = Math.floor(now / DAY) * DAY + DAY;
  const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  return { from: iso(to - days * DAY), to: iso(to) };
}

/** Chips wrap their text in narrow tiles instead of widening them. */
const wrapLabel = {
  whiteSpace: 'normal',
  display: 'block',
  padding: '2px 0',
} as const;

const BAND_COLOURS: Record<string, string> = {
  elite: '#2e7d32',
  high: '#558b2f',
  medium: '#ef6c00',
  low: '#c62828',
};

/** Window, environment and report year controls. */
export function FlowControls(props: {
  days: number;
  onDays: (d: number) => void;
  year: DoraReportYear;
  onYear: (y: DoraReportYear) => void;
  environment?: string;
  environments?: string[];
  onEnvironment?: (e: string) => void;
  children?: React.ReactNode;
}) {
  return (
    <Box
      display="flex"
      flexWrap="wrap"
      alignItems="center"
      style={{ gap: 16 }}
      mb={2}
    >
      <FormControl size="small" variant="outlined">
        <InputLabel id="flow-window-label">Window</InputLabel>
        <Select
          labelId="flow-window-label"
          id="flow-window"
          label="Window"
          value={props.days}
          onChange={e => props.onDays(Number(e.target.value))}
        >
          {[30, 90, 180].map(d => (
            <MenuItem key={d} value={d}>
              Last {d} days
            </MenuItem>
          ))}
        </Select>
      </FormControl>
      {props.environments && props.onEnvironment && (
        <FormControl size="small" variant="outlined">
          <InputLabel id="flow-env-label">Environment</InputLabel>
          <Select
            labelId="flow-env-label"
            id="flow-env"
            label="Environment"
            value={props.environment ?? ''}
            onChange={e => props.onEnvironment!(String(e.target.value))}
          >
            {[...new Set([props.environment ?? '', ...props.environments])]
              .filter(Boolean)
              .map(e => (
                <MenuItem key={e} value={e}>
                  {e}
                </MenuItem>
              ))}
          </Select>
        </FormControl>
      )}
      <FormControl size="small" variant="outlined">
        <InputLabel id="flow-year-label">DORA bands</InputLabel>
        <Select
          labelId="flow-year-label"
          id="flow-year"
          label="DORA bands"
          value={props.year}
          onChange={e => props.onYear(Number(e.target.value) as DoraReportYear)}
        >
          {DORA_REPORT_YEARS.map(y => (
            <MenuItem key={y} value={y}>
              {y} report
            </MenuItem>
          ))}
        </Select>
      </FormControl>
      {props.children}
    </Box>
  );
}

const drillFor: Record<TileKey, DrillDownFilter | undefined> = {
  deploymentFrequency: undefined,
  leadTime: 'with-changes',
  changeFailRate: 'failed',
  recoveryTime: 'failed',
  reworkRate: 'rework',
};

function TileView(props: {
  tile: Tile;
  definitions: FlowDefinitions;
  minimumSample: number;
  onOpen?: () => void;
}) {
  const { tile } = props;
  return (
    <Paper variant="outlined" style={{ height: '100%' }}>
      <Box
        p={2}
        display="flex"
        flexDirection="column"
        height="100%"
        aria-label={tile.title}
        role="group"
      >
        <Typography variant="subtitle2">{tile.title}</Typography>
        {tile.value === null ? (
          <Box my={1}>
            <Typography variant="h6" color="textSecondary">
              Not enough data
            </Typography>
            <Typography variant="caption" color="textSecondary">
              {tile.n} of at least {props.minimumSample} observations in this
              window
            </Typography>
          </Box>
        ) : (
          <Box my={1}>
            <Typography variant="h5" component="p">
              {tile.approximate ? '≈ ' : ''}
              {tile.value}
            </Typography>
            <Typography variant="caption" color="textSecondary">
              {tile.detail}
            </Typography>
          </Box>
        )}
        <Box display="flex" flexWrap="wrap" style={{ gap: 4 }}>
          {tile.band && (
            <Chip
              size="small"
              label={
                <span style={wrapLabel}>
                  {tile.band.band} · {tile.band.label}
                </span>
              }
              style={{
                background: BAND_COLOURS[tile.band.band],
                color: '#fff',
                height: 'auto',
              }}
            />
          )}
          {tile.target && (
            <Chip
              size="small"
              variant="outlined"
              style={{ height: 'auto' }}
              label={
                <span style={wrapLabel}>
                  {tile.target.met ? 'meets' : 'misses'} {tile.target.text}
                </span>
              }
            />
          )}
        </Box>
        <Box mt={1}>
          <Sparkline
            values={tile.weekly}
            label={`${tile.title} per week`}
            colour={tile.lowerIsBetter ? '#6a1b9a' : '#1976d2'}
          />
        </Box>
        <Box flexGrow={1} />
        <Typography variant="caption" color="textSecondary" component="p">
          {definitionOf(tile.key, props.definitions)}
        </Typography>
        {props.onOpen && (
          <Box mt={1}>
            <Button size="small" color="primary" onClick={props.onOpen}>
              Show the events
            </Button>
          </Box>
        )}
      </Box>
    </Paper>
  );
}

/** The five tiles with coverage; tiles open their events when a query is given. */
export function FlowTiles(props: {
  summary: FlowSummary;
  definitions: FlowDefinitions;
  year: DoraReportYear;
  targets?: FlowTargets;
  query?: FlowQuery;
}) {
  const [open, setOpen] = useState<{ title: string; only?: DrillDownFilter }>();
  const tiles = tilesOf(
    props.summary,
    props.year,
    props.definitions.minimumSample,
    props.targets,
  );
  const c = props.summary.coverage;
  return (
    <>
      <Grid container spacing={2}>
        {tiles.map(tile => (
          <Grid item xs={12} sm={6} md key={tile.key} style={{ minWidth: 0 }}>
            <TileView
              tile={tile}
              definitions={props.definitions}
              minimumSample={props.definitions.minimumSample}
              onOpen={
                props.query
                  ? () =>
                      setOpen({ title: tile.title, only: drillFor[tile.key] })
                  : undefined
              }
            />
          </Grid>
        ))}
      </Grid>
      <Box mt={1} display="flex" flexWrap="wrap" style={{ gap: 16 }}>
        <Typography variant="body2" color="textSecondary">
          Coverage: {percent(c.deploymentsWithChanges)} of {c.deployments}{' '}
          deployments have linked changes
        </Typography>
        <Typography variant="body2" color="textSecondary">
          {c.incidentsWithoutDeployment} of {c.incidents} incidents linked to no
          deployment
        </Typography>
        {props.query && (
          <Link
            component="button"
            variant="body2"
            onClick={() => setOpen({ title: 'All deployments and incidents' })}
          >
            All events
          </Link>
        )}
      </Box>
      {open && props.query && (
        <DrillDownDialog
          title={open.title}
          query={props.query}
          only={open.only}
          onClose={() => setOpen(undefined)}
        />
      )}
    </>
  );
}

const time = (iso: string) => formatDateTime(iso);

type DeploymentSort = {
  by: 'finished' | 'verdict' | 'lead';
  descending: boolean;
};

function SortableHead(props: {
  sort: DeploymentSort;
  by: DeploymentSort['by'];
  onSort: (sort: DeploymentSort) => void;
  children: ReactNode;
}) {
  const { sort, by, onSort } = props;
  const active = sort.by === by;
  return (
    <TableCell sortDirection={active && (sort.descending ? 'desc' : 'asc')}>
      <TableSortLabel
        active={active}
        direction={active && !sort.descending ? 'asc' : 'desc'}
        onClick={() =>
          onSort({ by, descending: active ? !sort.descending : true })
        }
      >
        {props.children}
      </TableSortLabel>
    </TableCell>
  );
}

/** How bad a deployment went: failed ones first when sorting by verdict. */
function verdictRank(d: DeploymentRecord): number {
  return (d.failed ? 4 : 0) + (d.rollback ? 2 : 0) + (d.rework ? 1 : 0);
}

/**
 * Deployments in the chosen order; ties keep time order (newest first). Lead
 * time sorts by the slowest change a deployment shipped; deployments that
 * shipped none go last either way.
 */
export function sortDeployments(
  deployments: DeploymentRecord[],
  sort: DeploymentSort,
  changesOf: (id: string) => ChangeRecord[],
): DeploymentRecord[] {
  const sign = sort.descending ? -1 : 1;
  const newestFirst = (a: DeploymentRecord, b: DeploymentRecord) =>
    Date.parse(b.finishedAt) - Date.parse(a.finishedAt);
  const slowest = (d: DeploymentRecord) => {
    const hours = changesOf(d.id)
      .map(c => c.leadTimeHours)
      .filter((h): h is number => h !== null);
    return hours.length ? Math.max(...hours) : null;
  };
  return [...deployments].sort((a, b) => {
    if (sort.by === 'finished') return -sign * newestFirst(a, b);
    if (sort.by === 'verdict')
      return sign * (verdictRank(a) - verdictRank(b)) || newestFirst(a, b);
    const x = slowest(a);
    const y = slowest(b);
    if (x === null || y === null)
      return (x === null ? 1 : 0) - (y === null ? 1 : 0) || newestFirst(a, b);
    return sign * (x - y) || newestFirst(a, b);
  });
}

/** The deployments, changes and incidents behind a tile. */
export function DrillDownDialog(props: {
  title: string;
  query: FlowQuery;
  only?: DrillDownFilter;
  onClose: () => void;
}) {
  const api = useApi(deliveryApiRef);
  const { value, loading, error } = useAsync(
    () => api.drillDown({ ...props.query, only: props.only, limit: 200 }),
    [props.query, props.only],
  );
  const changesOf = (id: string) =>
    value?.changes.filter(c => c.deploymentId === id) ?? [];
  const [sort, setSort] = useState<DeploymentSort>({
    by: 'finished',
    descending: true,
  });
  return (
    <Dialog
      open
      onClose={props.onClose}
      maxWidth="lg"
      fullWidth
      aria-labelledby="drill-title"
    >
      <DialogTitle id="drill-title">
        {props.title}: the events behind it
      </DialogTitle>
      <DialogContent>
        {loading && <Progress />}
        {error && <ResponseErrorPanel error={error} />}
        {value && (
          <>
            <Typography variant="subtitle1">
              Deployments
              {props.only ? ` (${props.only.replace('-', ' ')})` : ''}:{' '}
              {value.deployments.length}
              {value.truncated ? ' (the newest 200)' : ''}
            </Typography>
            {value.deployments.length === 0 ? (
              <Typography color="textSecondary">
                No deployments in this window.
              </Typography>
            ) : (
              <ReadableTable>
                <Table size="small" aria-label="Deployments">
                  <TableHead>
                    <TableRow>
                      <SortableHead sort={sort} by="finished" onSort={setSort}>
                        Finished
                      </SortableHead>
                      <TableCell>Entity</TableCell>
                      <TableCell>Deployment</TableCell>
                      <SortableHead sort={sort} by="verdict" onSort={setSort}>
                        Verdict
                      </SortableHead>
                      <TableCell>Recovered after</TableCell>
                      <SortableHead sort={sort} by="lead" onSort={setSort}>
                        Changes shipped (lead time)
                      </SortableHead>
                    </TableRow>
                  </TableHead>
                  <TableBody>
                    {sortDeployments(value.deployments, sort, changesOf).map(
                      d => (
                        <TableRow key={d.id}>
                          <TableCell>{time(d.finishedAt)}</TableCell>
                          <TableCell>
                            <EntityRefLink entityRef={d.entityRef} />
                          </TableCell>
                          <TableCell>
                            {d.url ? <Link href={d.url}>{d.id}</Link> : d.id}
                            {d.version ? ` · ${d.version}` : ''} · {d.source}
                          </TableCell>
                          <TableCell>
                            {[
                              d.status === 'failure' ? 'status failure' : '',
                              d.rollback ? 'rollback' : '',
                              d.failed ? 'failed' : '',
                              d.rework ? 'rework' : '',
                            ]
                              .filter(Boolean)
                              .join(', ') || 'ok'}
                          </TableCell>
                          <TableCell>
                            {d.recoveryHours === null
                              ? '—'
                              : formatHours(d.recoveryHours)}
                          </TableCell>
                          <TableCell>
                            {changesOf(d.id).length === 0
                              ? '—'
                              : changesOf(d.id).map((c, n) => (
                                  <span key={c.id}>
                                    {n > 0 && '; '}
                                    {c.url ? (
                                      <Link href={c.url}>
                                        {c.title ?? c.id}
                                      </Link>
                                    ) : (
                                      c.title ?? c.id
                                    )}{' '}
                                    (
                                    {c.leadTimeHours === null
                                      ? '—'
                                      : formatHours(c.leadTimeHours)}
                                    {c.labels.includes('hotfix')
                                      ? ', hotfix'
                                      : ''}
                                    {c.revertOf
                                      ? `, reverts ${c.revertOf}`
                                      : ''}
                                    )
                                  </span>
                                ))}
                          </TableCell>
                        </TableRow>
                      ),
                    )}
                  </TableBody>
                </Table>
              </ReadableTable>
            )}
            <Box mt={2}>
              <Typography variant="subtitle1">
                Incidents started in the window: {value.incidents.length}
              </Typography>
              {value.incidents.length > 0 && (
                <ReadableTable>
                  <Table size="small" aria-label="Incidents">
                    <TableHead>
                      <TableRow>
                        <TableCell>Started</TableCell>
                        <TableCell>Resolved</TableCell>
                        <TableCell>Entity</TableCell>
                        <TableCell>Incident</TableCell>
                        <TableCell>Counted against</TableCell>
                      </TableRow>
                    </TableHead>
                    <TableBody>
                      {value.incidents.map(i => (
                        <TableRow key={i.id}>
                          <TableCell>{time(i.startedAt)}</TableCell>
                          <TableCell>
                            {i.resolvedAt ? time(i.resolvedAt) : 'open'}
                          </TableCell>
                          <TableCell>
                            <EntityRefLink entityRef={i.entityRef} />
                          </TableCell>
                          <TableCell>
                            {i.url ? (
                              <Link href={i.url}>{i.title ?? i.id}</Link>
                            ) : (
                              i.title ?? i.id
                            )}
                          </TableCell>
                          <TableCell>
                            {i.deploymentId
                              ? `${i.deploymentId} (${
                                  i.link === 'explicit'
                                    ? 'linked by the source'
                                    : 'within the failure window'
                                })`
                              : 'no deployment'}
                          </TableCell>
                        </TableRow>
                      ))}
                    </TableBody>
                  </Table>
                </ReadableTable>
              )}
            </Box>
          </>
        )}
      </DialogContent>
    </Dialog>
  );
}

/** "How is this computed": the definitions in force and where the bands come from. */
export function HowComputed(props: {
  definitions: FlowDefinitions;
  year: DoraReportYear;
}) {
  const d = props.definitions;
  const keys: TileKey[] = [
    'deploymentFrequency',
    'leadTime',
    'changeFailRate',
    'recoveryTime',
    'reworkRate',
  ];
  return (
    <Accordion variant="outlined">
      <AccordionSummary expandIcon={<ExpandMoreIcon />}>
        <Typography>How is this computed?</Typography>
      </AccordionSummary>
      <AccordionDetails>
        <Box>
          <Typography variant="body2" paragraph>
            Events come from CDEvents sent by CI/CD pipelines, GitHub, GitLab
            and PagerDuty webhooks and the GitHub backfill. Each is attributed
            to its catalog entity and to the team owning it when it happened.
            Environment: <b>{d.environment}</b>; lead time starts at{' '}
            <b>{d.leadTimeStart}</b>; incidents within{' '}
            <b>{d.failureWindowHours} h</b> of a deployment count against it
            unless the source links them explicitly; fewer than{' '}
            <b>{d.minimumSample}</b> observations show “not enough data”.
          </Typography>
          {keys.map(k => (
            <Typography variant="body2" key={k} paragraph>
              {definitionOf(k, d)}
            </Typography>
          ))}
          <Typography variant="body2" paragraph>
            Medians are exact for components, systems and teams; on the
            organisation page they come from histograms (marked ≈, within a
            factor of √2).
          </Typography>
          <Typography variant="body2">
            Bands: {DORA_BANDS[props.year].source}. Bands are context for a
            team's own trend, not a ranking of teams.
          </Typography>
        </Box>
      </AccordionDetails>
    </Accordion>
  );
}

/** Summary of one entity or team with controls, tiles and the explanation. */
export function FlowSummaryView(props: {
  entityRef?: string;
  teamRef?: string;
  compact?: boolean;
}) {
  const api = useApi(deliveryApiRef);
  const [days, setDays] = useState(90);
  const [year, setYear] = useState<DoraReportYear>(2024);
  const [environment, setEnvironment] = useState<string>();
  const [includeChildTeams, setIncludeChildTeams] = useState(true);
  const query: FlowQuery = {
    entityRef: props.entityRef,
    teamRef: props.teamRef,
    includeChildTeams: props.teamRef ? includeChildTeams : undefined,
    environment,
    ...windowOf(days),
  };
  const key = JSON.stringify(query);
  const { value, loading, error } = useAsync(
    () => api.getSummary(query),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [key],
  );
  if (error) return <ResponseErrorPanel error={error} />;
  if (!value) return <Progress />;
  const empty =
    value.summary.coverage.deployments === 0 &&
    value.summary.coverage.incidents === 0;
  return (
    <Box>
      <FlowControls
        days={days}
        onDays={setDays}
        year={year}
        onYear={setYear}
        environment={value.environment}
        environments={value.environments}
        onEnvironment={setEnvironment}
      >
        {props.teamRef && (
          <FormControlLabel
            control={
              <Checkbox
                checked={includeChildTeams}
                onChange={e => setIncludeChildTeams(e.target.checked)}
                color="primary"
              />
            }
            label="Include child teams"
          />
        )}
        {loading && <Typography variant="caption">Updating…</Typography>}
      </FlowControls>
      {empty ? (
        <Box my={2}>
          <Typography variant="h6">No delivery events yet</Typography>
          <Typography color="textSecondary">
            Nothing was deployed to {value.environment} in this window. Send
            CDEvents from your pipeline, connect the GitHub, GitLab or PagerDuty
            webhooks, or annotate the components with github.com/project-slug
            for the GitHub backfill.
          </Typography>
        </Box>
      ) : (
        <FlowTiles
          summary={value.summary}
          definitions={value.definitions}
          year={year}
          targets={value.targets}
          query={query}
        />
      )}
      <Box mt={2}>
        <HowComputed definitions={value.definitions} year={year} />
      </Box>
    </Box>
  );
}
