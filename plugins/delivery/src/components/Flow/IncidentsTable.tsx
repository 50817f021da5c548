import {
  Link,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
} from '@material-ui/core';
import { formatDateTime } from '@teamflow/plugin-teamflow-common';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { IncidentRecord } from '@teamflow/plugin-delivery-common';
import { ReadableTable } from './ReadableTable';

/** The incidents that started in the window and the deployment each counts against. */
export function IncidentsTable(props: { incidents: IncidentRecord[] }) {
  return (
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
          {props.incidents.map(i => (
            <TableRow key={i.id}>
              <TableCell>{formatDateTime(i.startedAt)}</TableCell>
              <TableCell>
                {i.resolvedAt ? formatDateTime(i.resolvedAt) : 'open'}
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
  );
}
