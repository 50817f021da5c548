import { useState } from 'react';
import {
  Button,
  Chip,
  Grid,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import Alert from '@material-ui/lab/Alert';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { cognitiveLoadApiRef } from '../../api/CognitiveLoadApi';
import { formatDate } from '../../lib/present';
import { ReadableTable } from '../ReadableTable';
import { WaveProgressPanel } from './WaveProgressPanel';
import { OpenWaveForm } from './OpenWaveForm';

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
