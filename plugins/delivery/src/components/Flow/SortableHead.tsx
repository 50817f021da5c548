import { ReactNode } from 'react';
import { TableCell, TableSortLabel } from '@material-ui/core';
import { DeploymentSort } from '../../lib/sortDeployments';

/** A column header that sorts the deployments, newest or worst first on the first click. */
export function SortableHead(props: {
  sort: DeploymentSort;
  by: DeploymentSort['by'];
  onSort: (sort: DeploymentSort) => void;
  children: ReactNode;
}) {
  const { sort, by, onSort } = props;
  const active = sort.by === by;
  return (
    <TableCell sortDirection={active && (sort.descending ? 'desc' : 'asc')}>
      <TableSortLabel
        active={active}
        direction={active && !sort.descending ? 'asc' : 'desc'}
        onClick={() =>
          onSort({ by, descending: active ? !sort.descending : true })
        }
      >
        {props.children}
      </TableSortLabel>
    </TableCell>
  );
}
