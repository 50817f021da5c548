import { useState } from 'react';
import { Box, Button, Grid, Typography } from '@material-ui/core';
import Alert from '@material-ui/lab/Alert';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { sentenceCase } from '@teamflow/plugin-teamflow-common';
import { DebtItemInput } from '@teamflow/plugin-tech-debt-common';
import { DebtFilters } from '../DebtFilters';
import { DebtFilter, defaultFilter, matchesFilter } from '../../lib/debtFilter';
import {
  DebtConflictError,
  DebtItemView,
  techDebtApiRef,
} from '../../api/TechDebtApi';
import { Draft, changedFields, draftOf, emptyDraft } from '../../lib/draft';
import { DebtItemsTable } from './DebtItemsTable';
import { ItemDialog } from './ItemDialog';
import { ResolveDialog } from './ResolveDialog';
import { Signals } from './Signals';

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
  const [filter, setFilter] = useState<DebtFilter>(defaultFilter);

  if (loading && !value) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  const { items, signals, canManage } = value!;
  const shown = items.filter(i => matchesFilter(i, filter));

  const save = async (input: Partial<DebtItemInput>) => {
    try {
      if (dialog?.item) {
        const changed = changedFields(dialog.item, input);
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
          initial: draftOf(e.current),
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
                  setDialog({
                    title: 'Record technical debt',
                    initial: emptyDraft,
                  })
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
            <DebtItemsTable
              items={shown}
              canManage={canManage}
              onEdit={i =>
                setDialog({
                  title: `Edit: ${i.title}`,
                  initial: draftOf(i),
                  item: i,
                })
              }
              onResolve={setResolving}
            />
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
                  ...emptyDraft,
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
