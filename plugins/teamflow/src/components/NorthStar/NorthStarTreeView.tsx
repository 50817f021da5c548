import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { NorthStarTree } from '@teamflow/plugin-teamflow-common';
import { ReadableTable } from '../ReadableTable';
import { useNorthStarStyles } from './northStarStyles';
import { formatMetric } from './formatMetric';
import { MetricChange } from './MetricChange';
import { MetricLine } from './MetricLine';

/** One product's North Star and its input metrics, each with the features and teams that move it. */
export function NorthStarTreeView(props: { tree: NorthStarTree }) {
  const classes = useNorthStarStyles();
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
        <MetricLine metric={star} width={140} />
        <Typography variant="body2">
          <MetricChange change={star.change} />
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
                  <MetricLine metric={input} />
                </TableCell>
                <TableCell className={classes.number}>
                  <MetricChange change={input.change} />
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
