import {
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
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import useAsync from 'react-use/esm/useAsync';
import {
  NorthStarMetricValues,
  NorthStarTree,
  READABLE_TABLE_STYLES,
} from '@teamflow/plugin-teamflow-common';
import { teamflowApiRef } from '../../api/TeamflowApi';
import { Sparkline } from '../Sparkline';

const ReadableTable = withStyles(READABLE_TABLE_STYLES)(TableContainer);

const useStyles = makeStyles(
  theme => ({
    tree: { marginBottom: theme.spacing(2) },
    star: {
      display: 'flex',
      alignItems: 'center',
      gap: theme.spacing(2),
      flexWrap: 'wrap',
    },
    big: {
      fontSize: '1.75rem',
      fontWeight: 600,
      fontVariantNumeric: 'tabular-nums',
    },
    table: {
      '& th, & td': { padding: theme.spacing(0.5, 1), whiteSpace: 'nowrap' },
      '& td:first-child, & th:first-child': {
        whiteSpace: 'normal',
        paddingLeft: 0,
        minWidth: 140,
      },
    },
    number: { textAlign: 'right', fontVariantNumeric: 'tabular-nums' },
    up: { color: theme.palette.success.main },
    down: { color: theme.palette.error.main },
    note: { color: theme.palette.text.secondary },
  }),
  { name: 'TeamflowNorthStar' },
);

/** A metric's value in its own unit: shares as percent, scores with a decimal. */
export function formatMetric(
  metric: NorthStarMetricValues,
  value: number | null,
) {
  if (value === null) return '–';
  const figure = 'figure' in metric.source ? metric.source.figure : undefined;
  if (figure === 'retention' || figure === 'taskSuccess')
    return `${Math.round(value * 100)}%`;
  if (figure === 'happiness') return value.toFixed(1);
  return Math.round(value).toLocaleString('en-GB');
}

function Change(props: { change: number | null }) {
  const classes = useStyles();
  const { change } = props;
  if (change === null) return <>–</>;
  let sign = '';
  if (change > 0) sign = '+';
  else if (change < 0) sign = '−';
  let className: string | undefined;
  if (change >= 5) className = classes.up;
  else if (change <= -5) className = classes.down;
  return <span className={className}>{`${sign}${Math.abs(change)}%`}</span>;
}

function Line(props: { metric: NorthStarMetricValues; width?: number }) {
  const { metric, width } = props;
  const known = metric.weekly.filter(w => w.value !== null);
  if (known.length < 2) return null;
  return (
    <Sparkline
      width={width}
      // Counts and shares against zero (a dip looks its size); scores span
      // their own range.
      fromZero={
        !('figure' in metric.source) || metric.source.figure !== 'happiness'
      }
      values={metric.weekly.map(w => w.value)}
      label={`${metric.name}: ${formatMetric(
        metric,
        known[0].value,
      )} to ${formatMetric(metric, known[known.length - 1].value)} over ${
        metric.weekly.length
      } weeks`}
    />
  );
}

function Tree(props: { tree: NorthStarTree }) {
  const classes = useStyles();
  const { tree } = props;
  const star = tree.northStar;
  return (
    <section
      className={classes.tree}
      aria-label={`North Star of ${tree.domain}`}
    >
      <Typography variant="overline" component="p">
        <EntityRefLink entityRef={tree.domain} defaultKind="domain" />
      </Typography>
      <div className={classes.star}>
        <div>
          <Typography variant="subtitle1">{star.name}</Typography>
          <Typography className={classes.big}>
            {formatMetric(star, star.latest)}
          </Typography>
        </div>
        <Line metric={star} width={140} />
        <Typography variant="body2">
          <Change change={star.change} />
        </Typography>
      </div>
      <ReadableTable>
        <Table
          size="small"
          className={classes.table}
          aria-label={`Inputs of ${star.name}`}
        >
          <TableHead>
            <TableRow>
              <TableCell>Input</TableCell>
              <TableCell className={classes.number}>Last week</TableCell>
              <TableCell>13 weeks</TableCell>
              <TableCell className={classes.number}>Change</TableCell>
              <TableCell>Moved by</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {tree.inputs.map(input => (
              <TableRow key={input.name}>
                <TableCell>{input.name}</TableCell>
                <TableCell className={classes.number}>
                  {formatMetric(input, input.latest)}
                </TableCell>
                <TableCell>
                  <Line metric={input} />
                </TableCell>
                <TableCell className={classes.number}>
                  <Change change={input.change} />
                </TableCell>
                <TableCell>
                  {input.teams.length === 0
                    ? '–'
                    : input.teams.map((t, i) => (
                        <span key={t}>
                          {i > 0 && ', '}
                          <EntityRefLink entityRef={t} defaultKind="group" />
                        </span>
                      ))}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </ReadableTable>
    </section>
  );
}

/**
 * The North Star trees of the organisation's product areas (Domains with
 * `spec.northStar`): the metric, its inputs, their trends and the teams
 * moving each.
 *
 * @public
 */
export function NorthStarCard() {
  const classes = useStyles();
  const api = useApi(teamflowApiRef);
  const { value, loading, error } = useAsync(() => api.getNorthStars(), [api]);
  let body;
  if (loading) body = <Progress />;
  else if (error) body = <ResponseErrorPanel error={error} />;
  else if (!value?.length)
    body = (
      <Typography variant="body2">
        No product area declares a North Star yet: give a Domain a
        spec.northStar with the metric and the inputs that drive it.
      </Typography>
    );
  else
    body = (
      <>
        {value.map(tree => (
          <Tree key={tree.domain} tree={tree} />
        ))}
        <Typography variant="caption" component="p" className={classes.note}>
          Weekly values of the last 13 complete weeks; change: the last 4 weeks
          against the 4 before. Moved by: the teams owning the features declared
          to move each input.
        </Typography>
      </>
    );
  return <InfoCard title="North Star">{body}</InfoCard>;
}
