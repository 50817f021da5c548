import { useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import {
  Box,
  Button,
  FormControl,
  InputLabel,
  MenuItem,
  Select,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TableSortLabel,
  Tooltip,
  Typography,
  makeStyles,
} from '@material-ui/core';
import GetAppIcon from '@material-ui/icons/GetApp';
import { Alert } from '@material-ui/lab';
import useAsync from 'react-use/esm/useAsync';
import {
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { parseEntityRef } from '@backstage/catalog-model';
import {
  ATTENTION_SIGNALS,
  AttentionLevel,
  AttentionResponse,
  AttentionRow,
  AttentionSignalKey,
  TEAM_TYPES,
  attentionCsv,
  byNeedForAttention,
  formatDay,
  teamTypeTitle,
  valueStreamTitle,
} from '@teamflow/plugin-teamflow-common';
import { teamflowApiRef } from '../../api/TeamflowApi';
import { TeamTypeChip } from '../TeamTypeChip';

const useStyles = makeStyles(
  theme => ({
    scroll: { overflowX: 'auto' },
    // Words wrap between words, never inside one (Backstage's table
    // cells break anywhere by default).
    table: {
      minWidth: 1000,
      '& th, & td': {
        wordBreak: 'normal',
        overflowWrap: 'normal',
        padding: theme.spacing(0.75, 1),
      },
      '& thead tr, & tbody tr': {
        backgroundColor: theme.palette.background.paper,
      },
    },
    head: { verticalAlign: 'bottom', whiteSpace: 'normal', minWidth: 72 },
    // Below ~1300 px the matrix scrolls sideways; each row's team stays in
    // sight at its left.
    team: {
      minWidth: 150,
      verticalAlign: 'bottom',
      position: 'sticky',
      left: 0,
      zIndex: 1,
      // The row's own colour (striped or not), opaque over what scrolls.
      backgroundColor: 'inherit',
    },
    cell: { fontSize: 13, minWidth: 72 },
    noSource: { fontSize: 13, color: theme.palette.text.secondary },
    problem: { backgroundColor: '#ffcdd2' },
    watch: { backgroundColor: '#ffecb3' },
    muted: { color: theme.palette.text.secondary },
    filters: {
      display: 'flex',
      flexWrap: 'wrap',
      alignItems: 'flex-end',
      gap: theme.spacing(2),
      marginBottom: theme.spacing(2),
    },
    select: { minWidth: 180 },
  }),
  { name: 'TeamflowAttention' },
);

const SOURCE_NAMES = {
  delivery: 'Delivery columns',
  techDebt: 'Debt column',
  cognitiveLoad: 'Perceived-load column',
} as const;

type SortKey = 'attention' | 'team' | AttentionSignalKey;

const LEVEL_TEXT: Record<AttentionLevel, string> = {
  problem: 'problem',
  watch: 'watch',
  ok: 'fine',
};

/** Where a cell leads: the page that shows the number. */
function useCellLink() {
  const entityRoute = useRouteRef(entityRouteRef);
  return (row: AttentionRow, key: AttentionSignalKey, mapLink: string) => {
    const ref = parseEntityRef(row.teamRef);
    const page = entityRoute({
      namespace: ref.namespace,
      kind: ref.kind,
      name: ref.name,
    });
    const source = ATTENTION_SIGNALS.find(s => s.key === key)!.source;
    if (source === 'delivery') return `${page}/delivery`;
    if (source === 'techDebt') return `${page}/tech-debt`;
    if (key === 'dependencies')
      return `${mapLink}?team=${encodeURIComponent(row.teamRef)}`;
    return page;
  };
}

function download(name: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  URL.revokeObjectURL(url);
}

function sortRows(rows: AttentionRow[], key: SortKey, descending: boolean) {
  const sign = descending ? -1 : 1;
  if (key === 'attention')
    return [...rows].sort((a, b) => -sign * byNeedForAttention(a, b));
  if (key === 'team')
    return [...rows].sort(
      (a, b) => sign * a.title.localeCompare(b.title, 'en'),
    );
  // Rows without a number go last whichever way.
  return [...rows].sort((a, b) => {
    const x = a.signals[key]?.value ?? null;
    const y = b.signals[key]?.value ?? null;
    if (x === null && y === null) return a.title.localeCompare(b.title, 'en');
    if (x === null) return 1;
    if (y === null) return -1;
    return sign * (x - y) || a.title.localeCompare(b.title, 'en');
  });
}

/** The table for a loaded answer; filters and sort live in the URL. */
export function AttentionTable(props: {
  answer: AttentionResponse;
  mapLink: string;
}) {
  const classes = useStyles();
  const { answer, mapLink } = props;
  const [params, setParams] = useSearchParams();
  const cellLink = useCellLink();
  const valueStream = params.get('valueStream') ?? '';
  const type = params.get('type') ?? '';
  const sort = (params.get('sort') ?? 'attention') as SortKey;
  // Numbers sort highest first by default; "attention" means most problems first.
  const descending = params.get('order') !== 'asc';
  const update = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setParams(next);
  };
  const streams = useMemo(
    () =>
      [
        ...new Set(
          answer.teams.flatMap(t => (t.valueStream ? [t.valueStream] : [])),
        ),
      ].sort(),
    [answer],
  );
  const columns = ATTENTION_SIGNALS.filter(s =>
    answer.teams.some(t => t.signals[s.key]),
  );
  const rows = sortRows(
    answer.teams.filter(
      t =>
        (!valueStream || t.valueStream === valueStream) &&
        (!type || t.type === type),
    ),
    sort,
    descending,
  );
  const sortBy = (key: SortKey) => {
    const same = key === sort;
    update({
      sort: key === 'attention' ? undefined : key,
      order: same && descending ? 'asc' : undefined,
    });
  };
  const direction = descending ? 'desc' : 'asc';
  const header = (key: SortKey, label: string, className?: string) => (
    <TableCell
      className={className ?? classes.head}
      sortDirection={sort === key ? direction : false}
    >
      {/* The arrow only on the sorted column: twelve hidden arrows took
          ~290 px, and the matrix scrolled sideways at 1440 px. */}
      <TableSortLabel
        hideSortIcon
        active={sort === key}
        direction={sort === key && !descending ? 'asc' : 'desc'}
        onClick={() => sortBy(key)}
      >
        {label}
      </TableSortLabel>
    </TableCell>
  );
  const missing = (
    Object.entries(answer.sources) as Array<
      [keyof typeof SOURCE_NAMES, AttentionResponse['sources']['delivery']]
    >
  ).filter(([, s]) => s.status !== 'ok');
  return (
    <>
      <Typography variant="body2" paragraph>
        One row per team with every signal Teamflow has about it. Red: a
        problem, amber: worth watching (hover a cell for the rule); the teams
        with most problems come first. Delivery covers{' '}
        {answer.deliveryWindow
          ? // The window ends at the midnight after its last day.
            `${formatDay(answer.deliveryWindow.from)} to ${formatDay(
              Date.parse(answer.deliveryWindow.to) - 1,
            )} (the last 90 days)`
          : 'the last 90 days'}
        {answer.perceivedLoadWave
          ? `; perceived load the survey wave "${answer.perceivedLoadWave.title}".`
          : '.'}
      </Typography>
      {missing.map(([source, status]) => (
        <Alert severity="info" key={source} style={{ marginBottom: 8 }}>
          {SOURCE_NAMES[source]} left out:{' '}
          {'message' in status ? status.message : ''}
        </Alert>
      ))}
      <div className={classes.filters}>
        <FormControl className={classes.select}>
          <InputLabel id="attention-stream">Value stream</InputLabel>
          <Select
            labelId="attention-stream"
            value={valueStream}
            onChange={e =>
              update({ valueStream: (e.target.value as string) || undefined })
            }
          >
            <MenuItem value="">All value streams</MenuItem>
            {streams.map(s => (
              <MenuItem key={s} value={s}>
                {valueStreamTitle(s)}
              </MenuItem>
            ))}
          </Select>
        </FormControl>
        <FormControl className={classes.select}>
          <InputLabel id="attention-type">Team type</InputLabel>
          <Select
            labelId="attention-type"
            value={type}
            onChange={e =>
              update({ type: (e.target.value as string) || undefined })
            }
          >
            <MenuItem value="">All team types</MenuItem>
            {[...TEAM_TYPES, 'undeclared'].map(t => (
              <MenuItem key={t} value={t}>
                {teamTypeTitle(t)}
              </MenuItem>
            ))}
          </Select>
        </FormControl>
        <Button
          variant="outlined"
          startIcon={<GetAppIcon />}
          onClick={() =>
            download(
              `teams-needing-attention-${answer.generatedAt.slice(0, 10)}.csv`,
              attentionCsv(rows),
            )
          }
        >
          Export CSV
        </Button>
        <Typography variant="body2" className={classes.muted}>
          {rows.length} of {answer.teams.length} teams
        </Typography>
      </div>
      {rows.length === 0 ? (
        <Typography>No team matches these filters.</Typography>
      ) : (
        <div className={classes.scroll}>
          <Table
            size="small"
            className={classes.table}
            aria-label="Teams needing attention"
          >
            <TableHead>
              <TableRow>
                {header('team', 'Team', classes.team)}
                {header('attention', 'Problems')}
                {columns.map(c => header(c.key, c.label))}
              </TableRow>
            </TableHead>
            <TableBody>
              {rows.map(row => (
                <TableRow key={row.teamRef}>
                  <TableCell className={classes.team}>
                    <Link to={cellLink(row, 'structuralLoad', mapLink)}>
                      {row.title}
                    </Link>
                    <Box mt={0.5}>
                      <TeamTypeChip type={row.type} size="small" />
                    </Box>
                    {row.valueStream && (
                      <Typography variant="caption" className={classes.muted}>
                        {valueStreamTitle(row.valueStream)}
                      </Typography>
                    )}
                  </TableCell>
                  <TableCell
                    className={classes.cell}
                    aria-label={`${row.problems.length} problems, ${row.watches.length} to watch`}
                  >
                    <strong>{row.problems.length}</strong>
                    {row.watches.length > 0 && (
                      <Typography
                        variant="caption"
                        display="block"
                        className={classes.muted}
                      >
                        {row.watches.length} to watch
                      </Typography>
                    )}
                  </TableCell>
                  {columns.map((c, index) => {
                    const signal = row.signals[c.key];
                    // A team with no delivery events: one cell across the five.
                    const noSource = (key: AttentionSignalKey) =>
                      row.signals[key]?.text === 'no source connected';
                    if (c.source === 'delivery' && noSource(c.key)) {
                      const previous = columns[index - 1];
                      if (
                        previous?.source === 'delivery' &&
                        noSource(previous.key)
                      )
                        return null;
                      let span = 0;
                      while (
                        columns[index + span]?.source === 'delivery' &&
                        noSource(columns[index + span].key)
                      )
                        span++;
                      return (
                        <TableCell
                          key={c.key}
                          colSpan={span}
                          className={classes.noSource}
                          align="center"
                        >
                          <Link to={cellLink(row, c.key, mapLink)}>
                            no delivery events in this window: no source
                            connected
                          </Link>
                        </TableCell>
                      );
                    }
                    if (!signal)
                      return (
                        <TableCell key={c.key} className={classes.cell}>
                          –
                        </TableCell>
                      );
                    const level = signal.level;
                    const content =
                      c.key === 'personas' && row.personas.length ? (
                        row.personas.map((p, i) => (
                          <span key={p.ref}>
                            {i > 0 && ', '}
                            <Link
                              to={cellLink(
                                { ...row, teamRef: p.ref },
                                c.key,
                                mapLink,
                              )}
                            >
                              {p.title}
                            </Link>
                          </span>
                        ))
                      ) : (
                        <Link to={cellLink(row, c.key, mapLink)}>
                          {signal.text}
                        </Link>
                      );
                    return (
                      <Tooltip
                        key={c.key}
                        title={
                          signal.reason
                            ? `${level ? `${LEVEL_TEXT[level]}: ` : ''}${
                                signal.reason
                              }`
                            : ''
                        }
                      >
                        <TableCell
                          className={`${classes.cell} ${
                            level === 'problem' || level === 'watch'
                              ? classes[level]
                              : ''
                          }`}
                          data-level={level ?? 'none'}
                          data-signal={c.key}
                        >
                          {content}
                        </TableCell>
                      </Tooltip>
                    );
                  })}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
    </>
  );
}

/** The "Needs attention" tab: loads the table and its empty and error states. */
export function AttentionView(props: { mapLink: string }) {
  const api = useApi(teamflowApiRef);
  const { value, loading, error } = useAsync(() => api.getAttention(), [api]);
  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  if (!value || value.teams.length === 0) {
    return (
      <Typography>
        No teams in the catalog yet: the table fills in once team Groups
        (spec.type: team) are registered.
      </Typography>
    );
  }
  return <AttentionTable answer={value} mapLink={props.mapLink} />;
}

/** The overview's card: the teams with most problems, each a link to the table. */
export function AttentionCard(props: { attentionLink: string }) {
  const api = useApi(teamflowApiRef);
  const classes = useStyles();
  const { value, loading, error } = useAsync(() => api.getAttention(), [api]);
  let body;
  if (loading) body = <Progress />;
  else if (error) body = <ResponseErrorPanel error={error} />;
  else {
    const worst = (value?.teams ?? [])
      .filter(t => t.problems.length > 0)
      .slice(0, 5);
    const labels = new Map<string, string>(
      ATTENTION_SIGNALS.map(s => [s.key, s.label.toLocaleLowerCase('en-GB')]),
    );
    body =
      worst.length === 0 ? (
        <Typography variant="body2">
          No team shows a problem on any signal.
        </Typography>
      ) : (
        <ul
          aria-label="Teams with most problems"
          style={{ listStyle: 'none', margin: 0, padding: 0 }}
        >
          {worst.map(t => (
            <li key={t.teamRef} style={{ padding: '6px 0' }}>
              <Typography variant="body1">
                <Link to={props.attentionLink}>
                  <strong>{t.title}</strong>
                </Link>{' '}
                — {t.problems.length}{' '}
                {t.problems.length === 1 ? 'problem' : 'problems'}
              </Typography>
              <Typography variant="caption" className={classes.muted}>
                {t.problems.map(p => labels.get(p)).join(', ')}
              </Typography>
            </li>
          ))}
        </ul>
      );
  }
  return (
    <InfoCard
      title="Teams needing attention"
      deepLink={{
        title: 'Every team, every signal',
        link: props.attentionLink,
      }}
    >
      {body}
    </InfoCard>
  );
}
