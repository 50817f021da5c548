import {
  Button,
  Chip,
  Table,
  TableBody,
  TableCell,
  TableRow,
  Typography,
} from '@material-ui/core';
import { formatDay } from '@teamflow/plugin-teamflow-common';
import { DebtSignal } from '@teamflow/plugin-tech-debt-common';
import { ReadableTable } from '../ReadableTable';

/** Signals measured for the entity; its team can add one to the register. */
export function Signals(props: {
  signals: DebtSignal[];
  canManage: boolean;
  onRecord: (s: DebtSignal) => void;
}) {
  if (props.signals.length === 0) {
    return <Typography variant="body2">No signals for this entity.</Typography>;
  }
  return (
    <ReadableTable>
      <Table size="small" aria-label="Debt signals">
        <TableBody>
          {props.signals.map(s => (
            <TableRow key={s.id}>
              <TableCell>
                <Chip size="small" label={s.source} />
              </TableCell>
              <TableCell>{s.title}</TableCell>
              <TableCell>{formatDay(s.measuredAt)}</TableCell>
              <TableCell>
                {props.canManage && (
                  <Button size="small" onClick={() => props.onRecord(s)}>
                    Add to register
                  </Button>
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </ReadableTable>
  );
}
