import { useState } from 'react';
import {
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Grid,
  MenuItem,
  TextField,
  Typography,
} from '@material-ui/core';
import Alert from '@material-ui/lab/Alert';
import {
  DEBT_CATEGORIES,
  DEBT_STATUSES,
  DebtItemInput,
  EFFORT_DAYS,
  IMPACT_LABELS,
  debtScore,
  validateDebtItem,
} from '@teamflow/plugin-tech-debt-common';
import { Draft, inputOf } from '../../lib/draft';

/** The fields the form types into. */
type DraftText = Exclude<keyof Draft, 'links' | 'signalId'>;

/**
 * Record or edit an item: every field validated as the backend will, the
 * priority score shown as it is typed, the backend's refusal shown in place.
 */
export function ItemDialog(props: {
  open: boolean;
  title: string;
  initial: Draft;
  entityRef: string;
  onCancel: () => void;
  onSave: (input: Partial<DebtItemInput>) => Promise<string | undefined>;
  notice?: string;
}) {
  const [draft, setDraft] = useState(props.initial);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string>();
  const input = inputOf(draft, props.entityRef);
  const problems = validateDebtItem(input, { partial: false });
  const problem = (field: string) =>
    problems.find(p => p.field === field || p.field.startsWith(`${field}[`))
      ?.message;
  const set =
    (field: DraftText) => (e: React.ChangeEvent<{ value: unknown }>) =>
      setDraft(d => ({ ...d, [field]: String(e.target.value) }));
  const field = (
    name: DraftText,
    label: string,
    extra: Partial<React.ComponentProps<typeof TextField>> = {},
  ) => (
    <TextField
      id={`debt-${name}`}
      label={label}
      value={draft[name]}
      onChange={set(name)}
      error={
        !!problem(name === 'link' ? 'links' : name) && draft !== props.initial
      }
      helperText={problem(name === 'link' ? 'links' : name) ?? extra.helperText}
      fullWidth
      {...extra}
    />
  );
  const score = problems.length ? undefined : debtScore(input as any);
  return (
    <Dialog open={props.open} onClose={props.onCancel} maxWidth="md" fullWidth>
      <DialogTitle>{props.title}</DialogTitle>
      <DialogContent>
        <Grid container spacing={2}>
          <Grid item xs={12}>
            {field('title', 'Title', { required: true })}
          </Grid>
          <Grid item xs={12}>
            {field('description', 'What it is and what it costs', {
              multiline: true,
              minRows: 3,
            })}
          </Grid>
          <Grid item xs={6} md={3}>
            {field('category', 'Category', {
              select: true,
              children: DEBT_CATEGORIES.map(c => (
                <MenuItem key={c} value={c}>
                  {c}
                </MenuItem>
              )),
            })}
          </Grid>
          <Grid item xs={6} md={3}>
            {field('impact', 'Impact', {
              select: true,
              children: [1, 2, 3, 4, 5].map(n => (
                <MenuItem key={n} value={String(n)}>
                  {n} — {IMPACT_LABELS[n]}
                </MenuItem>
              )),
            })}
          </Grid>
          <Grid item xs={6} md={3}>
            {field('effort', 'Effort', {
              select: true,
              children: Object.entries(EFFORT_DAYS).map(([size, days]) => (
                <MenuItem key={size} value={size}>
                  {size} (~{days} person-days)
                </MenuItem>
              )),
            })}
          </Grid>
          <Grid item xs={6} md={3}>
            {field('interestHoursPerMonth', 'Interest (hours lost per month)', {
              type: 'number',
            })}
          </Grid>
          <Grid item xs={6} md={3}>
            {field('status', 'Status', {
              select: true,
              children: DEBT_STATUSES.map(s => (
                <MenuItem key={s} value={s}>
                  {s}
                </MenuItem>
              )),
            })}
          </Grid>
          <Grid item xs={12} md={9}>
            {field('link', 'Link (ticket, ADR, …)', {
              placeholder: 'https://',
            })}
          </Grid>
        </Grid>
        <Box mt={2}>
          <Typography variant="body2">
            Priority score: {score ?? '—'} (impact and interest over effort; 30+
            with effort XS or S is a quick win)
          </Typography>
        </Box>
        {props.notice && (
          <Box mt={2}>
            <Alert severity="warning">{props.notice}</Alert>
          </Box>
        )}
        {error && (
          <Box mt={2}>
            <Alert severity="error">{error}</Alert>
          </Box>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onCancel}>Cancel</Button>
        <Button
          color="primary"
          variant="contained"
          disabled={saving || problems.length > 0}
          onClick={async () => {
            setSaving(true);
            setError(await props.onSave({ ...input }));
            setSaving(false);
          }}
        >
          Save
        </Button>
      </DialogActions>
    </Dialog>
  );
}
