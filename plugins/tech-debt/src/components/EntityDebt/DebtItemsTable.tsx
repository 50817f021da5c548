import { useState } from 'react';
import {
  Button,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
} from '@material-ui/core';
import { sentenceCase } from '@teamflow/plugin-teamflow-common';
import { IMPACT_LABELS } from '@teamflow/plugin-tech-debt-common';
import { DebtItemView } from '../../api/TechDebtApi';
import { DebtItemTitle } from '../DebtItemTitle';
import { ReadableTable } from '../ReadableTable';
import { ItemHistory } from './ItemHistory';

/**
 * An entity's items by priority with their actions: edit and resolve for
 * the owning team, the history for anyone, opened under its row.
 */
export function DebtItemsTable(props: {
  items: DebtItemView[];
  canManage: boolean;
  onEdit: (item: DebtItemView) => void;
  onResolve: (item: DebtItemView) => void;
}) {
  const { canManage } = props;
  const [historyOf, setHistoryOf] = useState<string>();
  return (
    <ReadableTable>
      <Table size="small" aria-label="Debt items">
        <TableHead>
          <TableRow>
            <TableCell>Item</TableCell>
            <TableCell>Category</TableCell>
            <TableCell>Impact</TableCell>
            <TableCell>Effort</TableCell>
            <TableCell>Interest</TableCell>
            <TableCell>Score</TableCell>
            <TableCell>Status</TableCell>
            <TableCell />
          </TableRow>
        </TableHead>
        <TableBody>
          {props.items.map(i => [
            <TableRow key={i.id} data-item={i.title}>
              <TableCell>
                <DebtItemTitle item={i} />
              </TableCell>
              <TableCell>{sentenceCase(i.category)}</TableCell>
              <TableCell>
                {i.impact} — {IMPACT_LABELS[i.impact]}
              </TableCell>
              <TableCell>{i.effort}</TableCell>
              <TableCell>{i.interestHoursPerMonth} h/month</TableCell>
              <TableCell>{i.score}</TableCell>
              <TableCell>{sentenceCase(i.status)}</TableCell>
              <TableCell style={{ whiteSpace: 'nowrap' }}>
                {canManage && (
                  <Button size="small" onClick={() => props.onEdit(i)}>
                    Edit
                  </Button>
                )}
                {canManage && i.status !== 'resolved' && (
                  <Button size="small" onClick={() => props.onResolve(i)}>
                    Resolve
                  </Button>
                )}
                <Button
                  size="small"
                  onClick={() =>
                    setHistoryOf(historyOf === i.id ? undefined : i.id)
                  }
                >
                  History
                </Button>
              </TableCell>
            </TableRow>,
            historyOf === i.id && (
              <TableRow key={`${i.id}:history`}>
                <TableCell colSpan={8}>
                  <ItemHistory id={i.id} />
                </TableCell>
              </TableRow>
            ),
          ])}
        </TableBody>
      </Table>
    </ReadableTable>
  );
}
