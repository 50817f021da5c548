import { useState } from 'react';
import {
  Box,
  Button,
  Chip,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Grid,
  MenuItem,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography,
  TableContainer,
  withStyles,
} from '@material-ui/core';
import {
  READABLE_TABLE_STYLES,
  formatDateTime,
  formatDay,
  sentenceCase,
} from '@teamflow/plugin-teamflow-common';
import Alert from '@material-ui/lab/Alert';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink, useEntity } from '@backstage/plugin-catalog-react';
import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  DEBT_CATEGORIES,
  DEBT_STATUSES,
  DebtItemInput,
  DebtSignal,
  EFFORT_DAYS,
  IMPACT_LABELS,
  debtScore,
  validateDebtItem,
} from '@teamflow/plugin-tech-debt-common';
import {
  DebtFilter,
  DebtFilters,
  DebtItemTitle,
  defaultFilter,
  matchesFilter,
} from '../DebtFilters';
import {
  DebtConflictError,
  DebtItemView,
  techDebtApiRef,
} from '../../api/TechDebtApi';

const ReadableTable = withStyles(READABLE_TABLE_STYLES)(TableContainer);

type Draft = {
  title: string;
  description: string;
  category: string;
  impact: string;
  effort: string;
  interestHoursPerMonth: string;
  status: string;
  link: string;
  signalId?: string;
};

const empty: Draft = {
  title: '',
  description: '',
  category: 'code',
  impact: '3',
  effort: 'M',
  interestHoursPerMonth: '0',
  status: 'open',
  link: '',
};

const fromItem = (i: DebtItemView): Draft => ({
  title: i.title,
  description: i.description ?? '',
  category: i.category,
  impact: String(i.impact),
  effort: i.effort,
  interestHoursPerMonth: String(i.interestHoursPerMonth),
  status: i.status,
  link: i.links[0]?.url ?? '',
});

const toInput = (d: Draft, entityRef: string): Partial<DebtItemInput> => ({
  entityRef,
  title: d.title,
  description: d.description || undefined,
  category: d.category as DebtItemInput['category'],
  impact: Number(d.impact),
  effort: d.effort as DebtItemInput['effort'],
  interestHoursPerMonth: Number(d.interestHoursPerMonth),
  status: d.status as DebtItemInput['status'],
  links: d.link ? [{ url: d.link }] : [],
});

function ItemDialog(props: {
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
  const input = toInput(draft, props.entityRef);
  const problems = validateDebtItem(input, { partial: false });
  const problem = (field: string) =>
    problems.find(p => p.field === field || p.field.startsWith(`${field}[`))
      ?.message;
  const set =
    (field: keyof Draft) => (e: React.ChangeEvent<{ value: unknown }>) =>
      setDraft(d => ({ ...d, [field]: String(e.target.value) }));
  const field = (
    name: keyof Draft,
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

/** Resolving asks why, in a sentence kept in the item's history. */
function ResolveDialog(props: {
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

function History(props: { id: string }) {
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
                {Object.entries(h.changes)
                  .filter(
                    ([field]) =>
                      h.version > 1 || ['title', 'status'].includes(field),
                  )
                  .map(([field, [before, after]]) =>
                    h.version === 1
                      ? `${field}: ${after}`
                      : `${field}: ${before ?? '—'} → ${after ?? '—'}`,
                  )
                  .join('; ')}
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

function Signals(props: {
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

/**
 * The debt register of a component, system, resource or API: items by
 * priority, add/edit with validation and a version check, resolve, history,
 * and the automatically collected signals beside them.
 */
export function EntityTechDebtContent() {
  const { entity } = useEntity();
  const api = useApi(techDebtApiRef);
  const entityRef = stringifyEntityRef(entity).toLocaleLowerCase('en-US');
  const { value, loading, error, retry } = useAsyncRetry(
    () => api.getEntityDebt(entityRef),
    [api, entityRef],
  );
  const [dialog, setDialog] = useState<{
    title: string;
    initial: Draft;
    item?: DebtItemView;
    notice?: string;
  }>();
  const [message, setMessage] = useState<{
    ok: boolean;
    text: string;
    /** Puts back what the last resolution changed. */
    undo?: () => Promise<void>;
  }>();
  const [resolving, setResolving] = useState<DebtItemView>();
  const [historyOf, setHistoryOf] = useState<string>();
  const [filter, setFilter] = useState<DebtFilter>(defaultFilter);

  if (loading && !value) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  const { items, signals, canManage } = value!;
  const shown = items.filter(i => matchesFilter(i, filter));

  const save = async (input: Partial<DebtItemInput>) => {
    try {
      if (dialog?.item) {
        const changed = Object.fromEntries(
          Object.entries(input).filter(
            ([k, v]) =>
              k !== 'entityRef' &&
              JSON.stringify((dialog.item as any)[k]) !== JSON.stringify(v),
          ),
        );
        await api.updateItem(dialog.item.id, dialog.item.version, changed);
        setMessage({ ok: true, text: `Saved '${input.title}'.` });
      } else {
        await api.createItem({ ...input, signalId: dialog?.initial.signalId });
        setMessage({ ok: true, text: `Recorded '${input.title}'.` });
      }
      setDialog(undefined);
      retry();
      return undefined;
    } catch (e) {
      if (e instanceof DebtConflictError) {
        setDialog({
          title: `Edit: ${e.current.title}`,
          initial: fromItem(e.current),
          item: e.current,
          notice: `${e.message}. The form now shows the current item.`,
        });
        retry();
        return undefined;
      }
      return (e as Error).message;
    }
  };

  const resolve = async (item: DebtItemView, note: string) => {
    try {
      const done = await api.updateItem(item.id, item.version, {
        status: 'resolved',
        note,
      });
      setResolving(undefined);
      setMessage({
        ok: true,
        text: `Resolved '${item.title}'.`,
        undo: async () => {
          try {
            await api.updateItem(done.id, done.version, {
              status: item.status,
              note: `Undone: ${note}`.slice(0, 500),
            });
            setMessage({
              ok: true,
              text: `'${item.title}' is ${sentenceCase(item.status)} again.`,
            });
          } catch (e) {
            setMessage({ ok: false, text: (e as Error).message });
          }
          retry();
        },
      });
    } catch (e) {
      setResolving(undefined);
      setMessage({ ok: false, text: (e as Error).message });
    }
    retry();
  };

  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <InfoCard
          title="Technical debt register"
          subheader={`${
            items.filter(i => i.status !== 'resolved').length
          } open, ${
            items.filter(i => i.status === 'resolved').length
          } resolved`}
          action={
            canManage ? (
              <Button
                variant="contained"
                color="primary"
                onClick={() =>
                  setDialog({ title: 'Record technical debt', initial: empty })
                }
              >
                Add debt
              </Button>
            ) : undefined
          }
        >
          {message && (
            <Box mb={2}>
              <Alert
                severity={message.ok ? 'success' : 'error'}
                onClose={() => setMessage(undefined)}
                action={
                  message.undo && (
                    <Button color="inherit" size="small" onClick={message.undo}>
                      Undo
                    </Button>
                  )
                }
              >
                {message.text}
              </Alert>
            </Box>
          )}
          {resolving && (
            <ResolveDialog
              item={resolving}
              onCancel={() => setResolving(undefined)}
              onResolve={note => resolve(resolving, note)}
            />
          )}
          {!canManage && (
            <Typography variant="body2" paragraph>
              Members of the owning team record and change this entity's debt.
            </Typography>
          )}
          <Box mb={1}>
            <DebtFilters filter={filter} onChange={setFilter} />
          </Box>
          {shown.length === 0 ? (
            <Typography variant="body2">
              No debt matches these filters.
            </Typography>
          ) : (
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
                  {shown.map(i => [
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
                          <Button
                            size="small"
                            onClick={() =>
                              setDialog({
                                title: `Edit: ${i.title}`,
                                initial: fromItem(i),
                                item: i,
                              })
                            }
                          >
                            Edit
                          </Button>
                        )}
                        {canManage && i.status !== 'resolved' && (
                          <Button size="small" onClick={() => setResolving(i)}>
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
                          <History id={i.id} />
                        </TableCell>
                      </TableRow>
                    ),
                  ])}
                </TableBody>
              </Table>
            </ReadableTable>
          )}
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <InfoCard
          title="Signals"
          subheader="Measured automatically: SonarQube and the catalog"
        >
          <Signals
            signals={signals}
            canManage={canManage}
            onRecord={s =>
              setDialog({
                title: 'Record technical debt from a signal',
                initial: {
                  ...empty,
                  title: s.title.slice(0, 200),
                  category: s.source === 'sonarqube' ? 'code' : 'dependency',
                  signalId: s.id,
                },
              })
            }
          />
        </InfoCard>
      </Grid>
      {dialog && (
        <ItemDialog
          key={`${dialog.item?.id ?? 'new'}:${dialog.item?.version ?? 0}`}
          open
          title={dialog.title}
          initial={dialog.initial}
          entityRef={entityRef}
          onCancel={() => setDialog(undefined)}
          onSave={save}
          notice={dialog.notice}
        />
      )}
    </Grid>
  );
}
