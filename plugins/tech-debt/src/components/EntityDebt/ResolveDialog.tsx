import { useState } from 'react';
import {
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  TextField,
} from '@material-ui/core';
import { DebtItemView } from '../../api/TechDebtApi';

/** Resolving asks why, in a sentence kept in the item's history. */
export function ResolveDialog(props: {
  item: DebtItemView;
  onCancel: () => void;
  onResolve: (note: string) => Promise<void>;
}) {
  const [note, setNote] = useState('');
  const [saving, setSaving] = useState(false);
  let problem: string | undefined;
  if (note.trim().length === 0) problem = 'Say in a sentence what resolved it';
  else if (note.length > 500)
    problem = `${note.length} of at most 500 characters`;
  return (
    <Dialog open onClose={props.onCancel} fullWidth maxWidth="sm">
      <DialogTitle>Resolve: {props.item.title}</DialogTitle>
      <DialogContent>
        <TextField
          id="debt-resolution-note"
          fullWidth
          multiline
          minRows={2}
          label="What resolved it"
          placeholder="e.g. Replaced the retry wrapper; the suite has been green for two weeks"
          value={note}
          onChange={e => setNote(e.target.value)}
          helperText={problem ?? 'Kept in the item’s history with your name.'}
          error={note.length > 500}
        />
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onCancel}>Cancel</Button>
        <Button
          color="primary"
          variant="contained"
          disabled={saving || problem !== undefined}
          onClick={async () => {
            setSaving(true);
            await props.onResolve(note.trim());
            setSaving(false);
          }}
        >
          Resolve
        </Button>
      </DialogActions>
    </Dialog>
  );
}
