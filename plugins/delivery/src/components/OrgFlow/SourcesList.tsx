import useAsync from 'react-use/esm/useAsync';
import {
  Box,
  Table as MuiTable,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import { InfoCard } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { deliveryApiRef } from '../../api/DeliveryApi';
import { formatDateTime } from '@teamflow/plugin-teamflow-common';

export function SourcesList() {
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
