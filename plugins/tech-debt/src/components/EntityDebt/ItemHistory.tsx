import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import {
  Table,
  TableBody,
  TableCell,
  TableRow,
  Typography,
} from '@material-ui/core';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { formatDateTime } from '@teamflow/plugin-teamflow-common';
import { techDebtApiRef } from '../../api/TechDebtApi';
import { describeChange } from '../../lib/draft';
import { ReadableTable } from '../ReadableTable';

/** An item's audit trail: who changed what, when, and why when they said. */
export function ItemHistory(props: { id: string }) {
  const api = useApi(techDebtApiRef);
  const { value, loading, error } = useAsyncRetry(
    () => api.getHistory(props.id),
    [api, props.id],
  );
  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  return (
    <ReadableTable>
      <Table size="small" aria-label="History">
        <TableBody>
          {value!.history.map(h => (
            <TableRow key={h.version}>
              <TableCell>v{h.version}</TableCell>
              <TableCell>{formatDateTime(h.changedAt)}</TableCell>
              <TableCell>
                <EntityRefLink entityRef={h.changedBy} defaultKind="user" />
              </TableCell>
              <TableCell>
                {describeChange(h)}
                {h.note && (
                  <Typography variant="body2" component="div">
                    “{h.note}”
                  </Typography>
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </ReadableTable>
  );
}
