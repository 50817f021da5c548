import useAsync from 'react-use/esm/useAsync';
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import { InfoCard, Progress } from '@backstage/core-components';
import { useApiHolder } from '@backstage/core-plugin-api';
import { deliveryApiRef } from '@teamflow/plugin-delivery';
import { DebtTeam } from './DebtTeam';
import { ReadableTable } from '../ReadableTable';

/**
 * The weight delivery gives a team's debt: 1 + its change fail rate over
 * the last 90 days (1 to 2). Debt in code whose changes fail often costs
 * more; without enough delivery data the weight stays 1.
 */
export function deliveryFactor(changeFailRate: number | null) {
  return changeFailRate === null ? 1 : 1 + Math.min(1, changeFailRate);
}

/** Each team's open debt next to its delivery flow, weighted by its change fail rate. */
export function DebtNextToDelivery(props: {
  byTeam: Array<{ teamRef: string; open: number; score: number }>;
}) {
  // Through the delivery plugin's own client, when the portal has it: the
  // register works without delivery, unweighted.
  const delivery = useApiHolder().get(deliveryApiRef);
  const { value, loading, error } = useAsync(
    async () => delivery?.getOrganisation({ teamTrends: false }),
    [delivery],
  );
  let body;
  if (loading) body = <Progress />;
  else if (!delivery)
    body = (
      <Typography variant="body2">
        Delivery metrics are not installed in this portal, so debt is not
        weighted by delivery.
      </Typography>
    );
  else if (error || !value)
    body = (
      <Typography variant="body2">
        No delivery metrics are available ({error?.message ?? 'none'}), so debt
        is not weighted by delivery.
      </Typography>
    );
  else {
    const flow = new Map(value.teams.map(t => [t.teamRef, t.summary]));
    const rows = props.byTeam
      .map(t => {
        const s = flow.get(t.teamRef);
        const cfr =
          s && s.changeFailRate.status === 'ok' ? s.changeFailRate.rate : null;
        const lead =
          s && s.leadTimeHours.status === 'ok' ? s.leadTimeHours.median : null;
        const factor = deliveryFactor(cfr);
        return {
          ...t,
          cfr,
          lead,
          factor,
          weighted: Math.round(t.score * factor * 10) / 10,
        };
      })
      .sort((a, b) => b.weighted - a.weighted);
    body = (
      <>
        <Typography variant="body2" paragraph>
          Open debt score × (1 + change fail rate, last 90 days): debt in code
          whose changes fail often weighs more.
        </Typography>
        <ReadableTable>
          <Table size="small" aria-label="Debt next to delivery">
            <TableHead>
              <TableRow>
                <TableCell>Team</TableCell>
                <TableCell>Debt score</TableCell>
                <TableCell>Change fail rate</TableCell>
                <TableCell>Lead time</TableCell>
                <TableCell>Weighted</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {rows.map(r => (
                <TableRow key={r.teamRef}>
                  <TableCell>
                    <DebtTeam teamRef={r.teamRef} />
                  </TableCell>
                  <TableCell>{r.score}</TableCell>
                  <TableCell>
                    {r.cfr === null ? '—' : `${Math.round(r.cfr * 1000) / 10}%`}
                  </TableCell>
                  <TableCell>
                    {r.lead === null ? '—' : `≈ ${Math.round(r.lead)} h`}
                  </TableCell>
                  <TableCell>{r.weighted}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </ReadableTable>
      </>
    );
  }
  return <InfoCard title="Debt next to delivery">{body}</InfoCard>;
}
