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
} from '@material-ui/core';
import GetAppIcon from '@material-ui/icons/GetApp';
import { Alert } from '@material-ui/lab';
import { Link } from '@backstage/core-components';
import {
  ATTENTION_SIGNALS,
  AttentionLevel,
  AttentionResponse,
  AttentionSignalKey,
  attentionCsv,
  formatDay,
  teamTypeTitle,
  valueStreamTitle,
  TEAM_TYPES_OR_UNDECLARED,
} from '@teamflow/plugin-teamflow-common';
import { TeamTypeChip } from '../TeamTypeChip';
import { downloadCsv } from './downloadCsv';
import { SortKey, sortRows } from '../../lib/attentionRows';
import { useCellLink } from './useCellLink';
import { useAttentionStyles } from './attentionStyles';

const SOURCE_NAMES = {
  delivery: 'Delivery columns',
  techDebt: 'Debt column',
  cognitiveLoad: 'Perceived-load column',
} as const;

const LEVEL_TEXT: Record<AttentionLevel, string> = {
  problem: 'problem',
  watch: 'watch',
  ok: 'fine',
};

/** The table for a loaded answer; filters and sort live in the URL. */
export function AttentionTable(props: {
  answer: AttentionResponse;
  mapLink: string;
}) {
  const classes = useAttentionStyles();
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
            {TEAM_TYPES_OR_UNDECLARED.map(t => (
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
            downloadCsv(
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
