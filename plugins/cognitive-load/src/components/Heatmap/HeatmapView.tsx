import { useState } from 'react';
import {
  Chip,
  FormControl,
  InputLabel,
  MenuItem,
  Select,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Tooltip,
  Typography,
} from '@material-ui/core';
import useAsync from 'react-use/esm/useAsync';
import {
  EmptyState,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi, useApiHolder } from '@backstage/core-plugin-api';
import { teamflowApiRef } from '@teamflow/plugin-teamflow';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { ResponseError } from '@backstage/errors';
import {
  SUBSCALES,
  SUBSCALE_TITLES,
  Subscale,
} from '@teamflow/plugin-cognitive-load-common';
import {
  TEAM_TYPE_COLOURS,
  TEAM_TYPE_TITLES,
  TeamType,
} from '@teamflow/plugin-teamflow-common';
import { HeatmapRow, cognitiveLoadApiRef } from '../../api/CognitiveLoadApi';
import {
  STATUS_HELP,
  STATUS_TEXT,
  formatChange,
  formatDate,
} from '../../lib/present';
import { ScoreCell } from './ScoreCell';
import { ReadableTable } from '../ReadableTable';
import { useHeatmapStyles } from './heatmapStyles';

const LOAD_COLUMNS: Subscale[] = SUBSCALES.filter(s => s !== 'germane');

/**
 * Teams × subscales for one wave, with the groups above them as roll-ups and
 * each team's structural load from the catalog beside its perceived load.
 * Groups below k show why they are withheld, never a number.
 */
export function HeatmapView() {
  const classes = useHeatmapStyles();
  const api = useApi(cognitiveLoadApiRef);
  const [waveId, setWaveId] = useState<string>();
  const heatmap = useAsync(() => api.getHeatmap(waveId), [api, waveId]);
  // Structural load through the Teamflow plugin's own client, when the
  // portal has it; perceived load stands alone otherwise.
  const teamflow = useApiHolder().get(teamflowApiRef);
  const structural = useAsync(async () => {
    const teams =
      (await teamflow?.getAllStructuralLoad().catch(() => [])) ?? [];
    return new Map(teams.map(t => [t.teamRef, t]));
  }, [teamflow]);

  if (heatmap.loading && !heatmap.value) return <Progress />;
  if (heatmap.error) {
    if ((heatmap.error as ResponseError).response?.status === 403) {
      return (
        <EmptyState
          missing="info"
          title="The org heatmap is for people who read every team's results"
          description="Every team's members see their own team's results on its page. Ask a Backstage admin if your role needs the organisation-wide view."
        />
      );
    }
    return <ResponseErrorPanel error={heatmap.error} />;
  }
  const h = heatmap.value!;
  if (!h.wave) {
    return (
      <EmptyState
        missing="data"
        title="No results yet"
        description="Results appear here once a wave has answers from at least k people in a team."
      />
    );
  }
  const row = (r: HeatmapRow) => {
    const load = structural.value?.get(r.ref);
    return (
      <TableRow key={r.ref} data-group={r.ref}>
        <TableCell
          className={classes.name}
          style={{ paddingLeft: 16 + r.depth * 20 }}
        >
          <EntityRefLink
            entityRef={r.ref}
            defaultKind="group"
            title={r.title}
          />
          {!r.surveyed && (
            <Typography variant="caption" component="div" color="textSecondary">
              {r.scores ? `roll-up · ${r.scores.n} people` : 'roll-up'}
            </Typography>
          )}
        </TableCell>
        <TableCell>
          {r.type && (
            <Chip
              size="small"
              label={TEAM_TYPE_TITLES[r.type as TeamType] ?? r.type}
              style={{
                backgroundColor: TEAM_TYPE_COLOURS[r.type as TeamType],
                color: '#1a1a1a',
              }}
            />
          )}
        </TableCell>
        {r.status === 'released' ? (
          <>
            <ScoreCell
              k={h.k}
              result={r.scores?.load}
              withheld={r.scores?.withheld.includes('load')}
            />
            <TableCell className={classes.cell}>
              {r.change?.load !== undefined ? formatChange(r.change.load) : ''}
            </TableCell>
            {LOAD_COLUMNS.map(s => (
              <ScoreCell
                key={s}
                k={h.k}
                result={r.scores?.subscales[s]}
                withheld={r.scores?.withheld.includes(s)}
              />
            ))}
            <ScoreCell
              k={h.k}
              result={r.scores?.subscales.germane}
              withheld={r.scores?.withheld.includes('germane')}
              headroom
            />
            <TableCell className={classes.cell}>{r.scores?.n}</TableCell>
          </>
        ) : (
          <Tooltip title={STATUS_HELP[r.status]}>
            <TableCell
              colSpan={LOAD_COLUMNS.length + 4}
              className={classes.withheld}
            >
              {STATUS_TEXT[r.status]}
              {r.countedIn ? ` · counted in ${r.countedIn.title}` : ''}
            </TableCell>
          </Tooltip>
        )}
        <TableCell className={classes.cell} style={{ whiteSpace: 'nowrap' }}>
          {load ? `${load.score} (${load.band})` : ''}
        </TableCell>
      </TableRow>
    );
  };
  return (
    <>
      <FormControl className={classes.select}>
        <InputLabel id="cognitive-load-wave">Wave</InputLabel>
        <Select
          labelId="cognitive-load-wave"
          value={h.wave.id}
          onChange={e => setWaveId(e.target.value as string)}
        >
          {h.waves.map(w => (
            <MenuItem key={w.id} value={w.id}>
              {w.title} ({w.status}, {formatDate(w.opensAt)} –{' '}
              {formatDate(w.closesAt)})
            </MenuItem>
          ))}
        </Select>
      </FormControl>
      {h.coverage && (
        <Typography variant="subtitle1" gutterBottom aria-label="Coverage">
          {h.wave.title}: results for {h.coverage.teamsWithResults} of{' '}
          {h.coverage.teams} surveyed teams, {h.coverage.people} people
          {h.wave.status === 'open' ? ' so far (the wave is open)' : ''}
          {h.previousWave ? `; changes since ${h.previousWave.title}` : ''}.
        </Typography>
      )}
      <Typography variant="body2" paragraph>
        Perceived load 0–100 (median in whole points; how far answers lie apart
        is shown from {2 * h.k} people up); learning headroom is reported
        separately, higher is better. Every number comes from at least k = {h.k}{' '}
        people who answered that part, each counted once; roll-ups are hidden
        when they would let anyone work out a smaller group. Structural load
        comes from the catalog.
      </Typography>
      <div className={classes.scroll}>
        <ReadableTable>
          <Table
            size="small"
            aria-label={`Cognitive load heatmap, ${h.wave.title}`}
          >
            <TableHead>
              <TableRow>
                <TableCell>Team or group</TableCell>
                <TableCell>Type</TableCell>
                <TableCell className={classes.cell}>Load</TableCell>
                <TableCell className={classes.cell}>
                  Change{h.previousWave ? ` since ${h.previousWave.title}` : ''}
                </TableCell>
                {LOAD_COLUMNS.map(s => (
                  <TableCell key={s} className={classes.cell}>
                    {SUBSCALE_TITLES[s]}
                  </TableCell>
                ))}
                <TableCell className={classes.cell}>
                  {SUBSCALE_TITLES.germane}
                </TableCell>
                <TableCell className={classes.cell}>People</TableCell>
                <TableCell className={classes.cell}>Structural load</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>{h.rows.map(row)}</TableBody>
          </Table>
        </ReadableTable>
      </div>
    </>
  );
}
