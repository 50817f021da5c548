import { useState } from 'react';
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
import {
  ChangeRecord,
  DeploymentRecord,
} from '@teamflow/plugin-delivery-common';
import { formatHours } from '../../lib/format';
import { DeploymentSort, sortDeployments } from '../../lib/sortDeployments';
import { ReadableTable } from './ReadableTable';
import { SortableHead } from './SortableHead';

/**
 * The drill-down's deployments with their verdicts and the changes each
 * shipped, sortable by time, verdict and slowest lead time.
 */
export function DeploymentsTable(props: {
  deployments: DeploymentRecord[];
  changes: ChangeRecord[];
}) {
  const changesOf = (id: string) =>
    props.changes.filter(c => c.deploymentId === id);
  const [sort, setSort] = useState<DeploymentSort>({
    by: 'finished',
    descending: true,
  });
  return (
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
          {sortDeployments(props.deployments, sort, changesOf).map(d => (
            <TableRow key={d.id}>
              <TableCell>{formatDateTime(d.finishedAt)}</TableCell>
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
                {d.recoveryHours === null ? '—' : formatHours(d.recoveryHours)}
              </TableCell>
              <TableCell>
                {changesOf(d.id).length === 0
                  ? '—'
                  : changesOf(d.id).map((c, n) => (
                      <span key={c.id}>
                        {n > 0 && '; '}
                        {c.url ? (
                          <Link href={c.url}>{c.title ?? c.id}</Link>
                        ) : (
                          c.title ?? c.id
                        )}{' '}
                        (
                        {c.leadTimeHours === null
                          ? '—'
                          : formatHours(c.leadTimeHours)}
                        {c.labels.includes('hotfix') ? ', hotfix' : ''}
                        {c.revertOf ? `, reverts ${c.revertOf}` : ''})
                      </span>
                    ))}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </ReadableTable>
  );
}
