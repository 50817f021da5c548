import { useState } from 'react';
import {
  Box,
  Button,
  Chip,
  Grid,
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
import { READABLE_TABLE_STYLES } from '@teamflow/plugin-teamflow-common';
import Autocomplete from '@material-ui/lab/Autocomplete';
import Alert from '@material-ui/lab/Alert';
import useAsync from 'react-use/esm/useAsync';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink, catalogApiRef } from '@backstage/plugin-catalog-react';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { Wave } from '@teamflow/plugin-cognitive-load-common';
import { cognitiveLoadApiRef } from '../../api/CognitiveLoadApi';
import { formatDate } from '../../lib/present';

const ReadableTable = withStyles(READABLE_TABLE_STYLES)(TableContainer);

const today = () => new Date().toISOString().slice(0, 10);
const inDays = (n: number) =>
  new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

function OpenWaveForm(props: { onOpened: () => void }) {
  const api = useApi(cognitiveLoadApiRef);
  const catalogApi = useApi(catalogApiRef);
  const teams = useAsync(async () => {
    const { items } = await catalogApi.getEntities({
      filter: { kind: 'group', 'spec.type': 'team' },
      fields: ['kind', 'metadata.name', 'metadata.namespace', 'metadata.title'],
    });
    return items
      .map(e => ({
        ref: stringifyEntityRef(e).toLocaleLowerCase('en-US'),
        title: e.metadata.title ?? e.metadata.name,
      }))
      .sort((a, b) => a.title.localeCompare(b.title));
  }, [catalogApi]);
  const [title, setTitle] = useState('');
  const [chosen, setChosen] = useState<Array<{ ref: string; title: string }>>(
    [],
  );
  const [opensAt, setOpensAt] = useState(today());
  const [closesAt, setClosesAt] = useState(inDays(14));
  const [message, setMessage] = useState<{ ok: boolean; text: string }>();

  const submit = async () => {
    setMessage(undefined);
    try {
      const wave = await api.openWave({
        title,
        teams: chosen.map(t => t.ref),
        opensAt,
        closesAt,
      });
      setMessage({
        ok: true,
        text: `Opened '${wave.title}' for ${wave.teamCount} teams.`,
      });
      setTitle('');
      setChosen([]);
      props.onOpened();
    } catch (e) {
      setMessage({ ok: false, text: (e as Error).message });
    }
  };

  return (
    <InfoCard title="Open a wave">
      <form
        aria-label="Open a wave"
        onSubmit={e => {
          e.preventDefault();
          submit();
        }}
      >
        <Grid container spacing={2}>
          <Grid item xs={12} md={6}>
            <TextField
              id="cognitive-load-wave-title"
              label="Title"
              value={title}
              onChange={e => setTitle(e.target.value)}
              fullWidth
              required
              placeholder="Q1 2027 pulse"
            />
          </Grid>
          <Grid item xs={6} md={3}>
            <TextField
              id="cognitive-load-wave-opens"
              label="Opens"
              type="date"
              value={opensAt}
              onChange={e => setOpensAt(e.target.value)}
              InputLabelProps={{ shrink: true }}
              fullWidth
            />
          </Grid>
          <Grid item xs={6} md={3}>
            <TextField
              id="cognitive-load-wave-closes"
              label="Closes"
              type="date"
              value={closesAt}
              onChange={e => setClosesAt(e.target.value)}
              InputLabelProps={{ shrink: true }}
              fullWidth
            />
          </Grid>
          <Grid item xs={12}>
            <Autocomplete
              id="cognitive-load-wave-teams"
              multiple
              disableCloseOnSelect
              options={teams.value ?? []}
              loading={teams.loading}
              value={chosen}
              onChange={(_e, v) => setChosen(v)}
              getOptionLabel={o => o.title}
              getOptionSelected={(a, b) => a.ref === b.ref}
              renderInput={params => (
                <TextField {...params} label="Teams" placeholder="Add teams" />
              )}
            />
          </Grid>
        </Grid>
        <Box mt={2} display="flex" style={{ gap: 8 }}>
          <Button
            type="submit"
            variant="contained"
            color="primary"
            disabled={!title.trim() || chosen.length === 0}
          >
            Open wave
          </Button>
          <Button onClick={() => setChosen(teams.value ?? [])}>
            All teams
          </Button>
        </Box>
        {message && (
          <Box mt={2}>
            <Alert severity={message.ok ? 'success' : 'error'}>
              {message.text}
            </Alert>
          </Box>
        )}
      </form>
    </InfoCard>
  );
}

function WaveProgressPanel(props: { wave: Wave }) {
  const api = useApi(cognitiveLoadApiRef);
  const progress = useAsync(
    () => api.getProgress(props.wave.id),
    [api, props.wave.id],
  );
  if (progress.loading) return <Progress />;
  if (progress.error) return <ResponseErrorPanel error={progress.error} />;
  const p = progress.value!;
  return (
    <Box p={2}>
      <Typography variant="subtitle2" gutterBottom>
        Responses per team (counts only; k = {p.k}).{' '}
        {p.belowK.length === 0
          ? 'Every team has reached k.'
          : `${p.belowK.length} of ${p.teams.length} teams are still below k.`}
      </Typography>
      <ReadableTable>
        <Table size="small" aria-label={`Progress of ${p.wave.title}`}>
          <TableBody>
            {p.teams.map(t => (
              <TableRow key={t.teamRef}>
                <TableCell>
                  <EntityRefLink entityRef={t.teamRef} defaultKind="group" />
                </TableCell>
                <TableCell>{t.responses}</TableCell>
                <TableCell>
                  {t.reachedK
                    ? 'results visible'
                    : `${p.k - t.responses} more needed`}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </ReadableTable>
    </Box>
  );
}

/**
 * Wave administration: open a wave for chosen teams, close one early, and see
 * which teams are still below k (counts only).
 */
export function WavesView() {
  const api = useApi(cognitiveLoadApiRef);
  const { value, loading, error, retry } = useAsyncRetry(
    () => api.listWaves(),
    [api],
  );
  const [expanded, setExpanded] = useState<string>();
  const [closeError, setCloseError] = useState<string>();
  if (loading && !value) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  const { waves, canOpenWaves, k } = value!;
  return (
    <Grid container spacing={3}>
      {canOpenWaves ? (
        <Grid item xs={12}>
          <OpenWaveForm onOpened={retry} />
        </Grid>
      ) : (
        <Grid item xs={12}>
          <Typography variant="body2">
            Waves are opened by members of platform and enabling teams (and
            admins). Results need at least k = {k} answers per team.
          </Typography>
        </Grid>
      )}
      <Grid item xs={12}>
        <InfoCard title="Waves">
          {closeError && <Alert severity="error">{closeError}</Alert>}
          {waves.length === 0 ? (
            <Typography>No waves yet.</Typography>
          ) : (
            <ReadableTable>
              <Table size="small" aria-label="Waves">
                <TableHead>
                  <TableRow>
                    <TableCell>Wave</TableCell>
                    <TableCell>Status</TableCell>
                    <TableCell>Opens</TableCell>
                    <TableCell>Closes</TableCell>
                    <TableCell>Teams</TableCell>
                    <TableCell>Opened by</TableCell>
                    <TableCell />
                  </TableRow>
                </TableHead>
                <TableBody>
                  {waves.map(w => [
                    <TableRow key={w.id}>
                      <TableCell>{w.title}</TableCell>
                      <TableCell>
                        <Chip
                          size="small"
                          label={w.status}
                          color={w.status === 'open' ? 'primary' : 'default'}
                        />
                      </TableCell>
                      <TableCell>{formatDate(w.opensAt)}</TableCell>
                      <TableCell>
                        {formatDate(w.closedEarlyAt ?? w.closesAt)}
                        {w.closedEarlyAt ? ' (early)' : ''}
                      </TableCell>
                      <TableCell>{w.teamCount}</TableCell>
                      <TableCell>
                        {w.createdBy.replace(/^user:default\//, '')}
                      </TableCell>
                      <TableCell>
                        {canOpenWaves && (
                          <Button
                            size="small"
                            onClick={() =>
                              setExpanded(expanded === w.id ? undefined : w.id)
                            }
                          >
                            Progress
                          </Button>
                        )}
                        {canOpenWaves && w.status === 'open' && (
                          <Button
                            size="small"
                            onClick={async () => {
                              setCloseError(undefined);
                              try {
                                await api.closeWave(w.id);
                                retry();
                              } catch (e) {
                                setCloseError((e as Error).message);
                              }
                            }}
                          >
                            Close early
                          </Button>
                        )}
                      </TableCell>
                    </TableRow>,
                    expanded === w.id && (
                      <TableRow key={`${w.id}:progress`}>
                        <TableCell colSpan={7}>
                          <WaveProgressPanel wave={w} />
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
    </Grid>
  );
}
