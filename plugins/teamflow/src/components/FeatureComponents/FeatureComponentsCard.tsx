import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
  makeStyles,
} from '@material-ui/core';
import { InfoCard, Progress } from '@backstage/core-components';
import {
  discoveryApiRef,
  fetchApiRef,
  useApi,
} from '@backstage/core-plugin-api';
import { EntityRefLink, useEntity } from '@backstage/plugin-catalog-react';
import { ResponseError } from '@backstage/errors';
import useAsync from 'react-use/esm/useAsync';
import {
  FlowSummaryResponse,
  formatHours,
  percent,
} from '@teamflow/plugin-delivery-common';
import { DebtItem } from '@teamflow/plugin-tech-debt-common';
import { FeatureEntity } from '@teamflow/plugin-teamflow-common';
import { ReadableTable } from '../ReadableTable';

const useStyles = makeStyles(
  theme => ({
    scroll: { overflowX: 'auto' },
    table: {
      '& th, & td': { padding: theme.spacing(0.75, 1), whiteSpace: 'nowrap' },
      // Headings and notes wrap: half of a 1280 px page is narrow.
      '& th': { whiteSpace: 'normal', verticalAlign: 'bottom' },
      '& $note': { whiteSpace: 'normal' },
      '& td:first-child, & th:first-child': { paddingLeft: 0 },
    },
    number: { textAlign: 'right', fontVariantNumeric: 'tabular-nums' },
    note: { color: theme.palette.text.secondary },
  }),
  { name: 'TeamflowFeatureComponents' },
);

type Row = {
  component: string;
  flow?: FlowSummaryResponse;
  debt?: { open: number; score: number };
  /** What could not be read (a plugin not installed, a refusal). */
  missing: string[];
};

/**
 * On a feature's page: the components implementing it with their delivery
 * (the delivery plugin's 90 days) and open debt (the tech-debt plugin), so a
 * product manager sees whether the feature rests on healthy software.
 *
 * @public
 */
export function FeatureComponentsCard() {
  const classes = useStyles();
  const { entity } = useEntity();
  const discovery = useApi(discoveryApiRef);
  const { fetch } = useApi(fetchApiRef);
  const components = (entity as FeatureEntity).spec?.implementedBy ?? [];
  const { value, loading } = useAsync(async () => {
    const read = async <T,>(plugin: string, path: string): Promise<T> => {
      const res = await fetch(`${await discovery.getBaseUrl(plugin)}${path}`);
      if (!res.ok) throw await ResponseError.fromResponse(res);
      return res.json();
    };
    return Promise.all(
      components.map(async (component): Promise<Row> => {
        const ref = encodeURIComponent(component);
        const [flow, debt] = await Promise.allSettled([
          read<FlowSummaryResponse>('delivery', `/metrics?entityRef=${ref}`),
          read<{ items: Array<DebtItem & { score: number }> }>(
            'tech-debt',
            `/items?entityRef=${ref}`,
          ),
        ]);
        const open =
          debt.status === 'fulfilled'
            ? debt.value.items.filter(i => i.status !== 'resolved')
            : [];
        return {
          component,
          flow: flow.status === 'fulfilled' ? flow.value : undefined,
          debt:
            debt.status === 'fulfilled'
              ? {
                  open: open.length,
                  score: open.reduce((n, i) => n + i.score, 0),
                }
              : undefined,
          missing: [
            ...(flow.status === 'rejected' ? ['delivery'] : []),
            ...(debt.status === 'rejected' ? ['debt'] : []),
          ],
        };
      }),
    );
  }, [discovery, fetch, components.join(',')]);

  let body;
  if (components.length === 0)
    body = (
      <Typography variant="body2">
        No component listed yet (spec.implementedBy).
      </Typography>
    );
  else if (loading) body = <Progress />;
  else
    body = (
      <div className={classes.scroll}>
        <ReadableTable>
          <Table
            size="small"
            className={classes.table}
            aria-label="Components implementing this feature"
          >
            <TableHead>
              <TableRow>
                <TableCell>Component</TableCell>
                <TableCell className={classes.number}>Deploys a day</TableCell>
                <TableCell className={classes.number}>Lead time</TableCell>
                <TableCell className={classes.number}>
                  Change fail rate
                </TableCell>
                <TableCell className={classes.number}>Open debt</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {(value ?? []).map(row => {
                const s = row.flow?.summary;
                const none = s && s.deploymentFrequency.deployments === 0;
                return (
                  <TableRow key={row.component}>
                    <TableCell>
                      <EntityRefLink
                        entityRef={row.component}
                        defaultKind="component"
                      />
                    </TableCell>
                    {!s || none ? (
                      <TableCell colSpan={3} className={classes.note}>
                        {s
                          ? 'no deployments in 90 days (no pipeline reports it?)'
                          : 'delivery numbers unavailable'}
                      </TableCell>
                    ) : (
                      <>
                        <TableCell className={classes.number}>
                          {s.deploymentFrequency.perDay}
                        </TableCell>
                        <TableCell className={classes.number}>
                          {s.leadTimeHours.status === 'ok'
                            ? formatHours(s.leadTimeHours.median)
                            : 'not enough data'}
                        </TableCell>
                        <TableCell className={classes.number}>
                          {s.changeFailRate.status === 'ok'
                            ? percent(s.changeFailRate.rate)
                            : 'not enough data'}
                        </TableCell>
                      </>
                    )}
                    <TableCell className={classes.number}>
                      {row.debt
                        ? `${row.debt.open} ${
                            row.debt.open === 1 ? 'item' : 'items'
                          }${
                            row.debt.open
                              ? `, score ${
                                  Math.round(row.debt.score * 10) / 10
                                }`
                              : ''
                          }`
                        : 'unavailable'}
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        </ReadableTable>
        <Typography variant="caption" component="p" className={classes.note}>
          Delivery over the last 90 days in production (median lead time), as on
          each component&apos;s Delivery tab; open debt from its register.
        </Typography>
      </div>
    );
  return <InfoCard title="Built by these components">{body}</InfoCard>;
}
