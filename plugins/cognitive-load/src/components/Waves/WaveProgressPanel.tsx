import {
  Box,
  Table,
  TableBody,
  TableCell,
  TableRow,
  Typography,
} from '@material-ui/core';
import useAsync from 'react-use/esm/useAsync';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { Wave } from '@teamflow/plugin-cognitive-load-common';
import { cognitiveLoadApiRef } from '../../api/CognitiveLoadApi';
import { ReadableTable } from '../ReadableTable';

/** Per team of a wave: how many answered and how many more are needed (counts only). */
export function WaveProgressPanel(props: { wave: Wave }) {
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
