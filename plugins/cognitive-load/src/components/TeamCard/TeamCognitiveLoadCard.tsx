import {
  Box,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Tooltip,
  Typography,
  makeStyles,
} from '@material-ui/core';
import Alert from '@material-ui/lab/Alert';
import useAsync from 'react-use/esm/useAsync';
import { InfoCard, Link, Progress } from '@backstage/core-components';
import {
  identityApiRef,
  useApi,
  useRouteRef,
} from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import { useEntity } from '@backstage/plugin-catalog-react';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import {
  SUBSCALES,
  SUBSCALE_TITLES,
  Wave,
  cognitiveLoadResultsReadPermission,
} from '@teamflow/plugin-cognitive-load-common';
import { TeamResults, cognitiveLoadApiRef } from '../../api/CognitiveLoadApi';
import { rootRouteRef } from '../../routes';
import {
  STATUS_HELP,
  SPREAD_TEXT,
  STATUS_TEXT,
  formatChange,
  scoreColour,
} from '../../lib/present';
import { ReadableTable } from '../ReadableTable';

const useStyles = makeStyles(
  theme => ({
    big: { fontSize: '2rem', fontWeight: 700, lineHeight: 1.1 },
    bar: {
      height: 10,
      borderRadius: 5,
      background: theme.palette.action.hover,
      overflow: 'hidden',
    },
    withheld: { fontStyle: 'italic', color: theme.palette.text.secondary },
  }),
  { name: 'CognitiveLoadTeamCard' },
);

const NOT_YOURS =
  'Results of this team are visible to its members and to whoever ran its surveys.';

/** Whether `userRef` opened a wave that surveyed `teamRef`. */
function ranSurveyOf(waves: Wave[], userRef: string, teamRef: string) {
  return waves.some(
    w =>
      w.createdBy.toLocaleLowerCase('en-US') === userRef &&
      (w.teams ?? []).some(t => t.toLocaleLowerCase('en-US') === teamRef),
  );
}

/**
 * A team's perceived cognitive load: the latest wave with results (load and
 * each subscale, median and spread), the trend across waves with changes
 * where both waves met k, and a prompt when the viewer's survey is open.
 */
export function TeamCognitiveLoadCard() {
  const classes = useStyles();
  const { entity } = useEntity();
  const api = useApi(cognitiveLoadApiRef);
  const surveysLink = useRouteRef(rootRouteRef)();
  const ref = stringifyEntityRef(entity).toLocaleLowerCase('en-US');
  const identityApi = useApi(identityApiRef);
  const readsAll = usePermission({
    permission: cognitiveLoadResultsReadPermission,
  });
  // Members, the owners of waves that surveyed the team (their waves only)
  // and holders of the results permission read a team's results: others are
  // told so without being sent a refusal.
  const results = useAsync(async () => {
    if (readsAll.loading) return undefined;
    if (!readsAll.allowed) {
      const { userEntityRef, ownershipEntityRefs } =
        await identityApi.getBackstageIdentity();
      const mine = ownershipEntityRefs.map(r => r.toLocaleLowerCase('en-US'));
      if (
        !mine.includes(ref) &&
        !ranSurveyOf(
          (await api.listWaves()).waves,
          userEntityRef.toLocaleLowerCase('en-US'),
          ref,
        )
      )
        return 'not-a-member' as const;
    }
    return api.getTeamResults(ref);
  }, [api, identityApi, ref, readsAll.loading, readsAll.allowed]);
  const open = useAsync(
    async () =>
      (await api.getMySurveys()).filter(s => s.team.ref === ref && !s.answered),
    [api, ref],
  );

  const prompt =
    open.value && open.value.length > 0 ? (
      <Box mb={2}>
        <Alert severity="info">
          {open.value[0].wave.title} is open for this team.{' '}
          <Link to={surveysLink}>Answer it (about five minutes)</Link>
        </Alert>
      </Box>
    ) : null;

  const members = (entity.relations ?? []).filter(
    rel => rel.type === 'hasMember',
  ).length;

  let body;
  if (results.loading) body = <Progress />;
  else if (results.error) {
    body =
      (results.error as ResponseError).response?.status === 403 ? (
        <Typography variant="body2">{NOT_YOURS}</Typography>
      ) : (
        <Alert severity="error">{results.error.message}</Alert>
      );
  } else if (results.value === undefined) body = <Progress />;
  else if (results.value === 'not-a-member') {
    body = <Typography variant="body2">{NOT_YOURS}</Typography>;
  } else {
    const r = results.value;
    const latest = [...r.waves].reverse().find(w => w.status === 'released');
    // A team smaller than k never gets results of its own: say so once,
    // and in each wave where its answers are counted instead.
    const smallTeam = members > 0 && members < r.k;
    const withheldText = (w: TeamResults['waves'][number]) => {
      if (w.status === 'released') return '';
      if (!smallTeam || w.status !== 'not-enough-responses') {
        return STATUS_TEXT[w.status];
      }
      return w.countedIn ? `Counted in ${w.countedIn.title}` : 'Below k';
    };
    const countedIn = [...r.waves].reverse().find(w => w.countedIn)?.countedIn;
    if (r.waves.length === 0) {
      body = (
        <Typography variant="body2">
          No data: no cognitive-load wave has surveyed this team yet.
        </Typography>
      );
    } else {
      body = (
        <>
          {latest?.scores ? (
            <>
              <Typography variant="overline">
                {latest.wave.title} · {latest.scores.n} people
              </Typography>
              <Box display="flex" alignItems="baseline" style={{ gap: 8 }}>
                <Typography className={classes.big} aria-label="Perceived load">
                  {Math.round(latest.scores.load?.median ?? 0)}
                </Typography>
                <Typography variant="body2">
                  {latest.scores.load
                    ? `perceived load of 100${
                        latest.scores.load.spread
                          ? ` (${SPREAD_TEXT[latest.scores.load.spread]})`
                          : ''
                      }`
                    : `load withheld: fewer than ${r.k} people answered the load statements`}
                  {latest.change?.load !== undefined &&
                    `, ${formatChange(latest.change.load)} since ${
                      latest.change.fromWaveTitle
                    }`}
                </Typography>
              </Box>
              {SUBSCALES.map(s => {
                const v = latest.scores!.subscales[s];
                if (!v) {
                  return latest.scores!.withheld.includes(s) ? (
                    <Typography
                      key={s}
                      variant="caption"
                      component="div"
                      className={classes.withheld}
                    >
                      {SUBSCALE_TITLES[s]}: fewer than {r.k} people answered
                      this part
                    </Typography>
                  ) : null;
                }
                return (
                  <Box key={s} my={0.5}>
                    <Typography variant="caption">
                      {SUBSCALE_TITLES[s]}: {Math.round(v.median)}
                      {s === 'germane' ? ' (headroom, higher is better)' : ''}
                    </Typography>
                    <div className={classes.bar}>
                      <div
                        style={{
                          width: `${v.median}%`,
                          height: '100%',
                          background: scoreColour(
                            v.median,
                            s === 'germane' ? 'headroom' : 'load',
                          ),
                        }}
                      />
                    </div>
                  </Box>
                );
              })}
            </>
          ) : (
            <Typography variant="body2" gutterBottom>
              {smallTeam
                ? `This team has ${members} people, fewer than the ${
                    r.k
                  } a result needs: its answers are never shown on their own${
                    countedIn ? `, and are counted in ${countedIn.title}` : ''
                  }.`
                : `No wave has enough responses to show yet (at least ${r.k} people must answer).`}
            </Typography>
          )}
          <Box mt={2}>
            <ReadableTable>
              <Table size="small" aria-label="Cognitive load by wave">
                <TableHead>
                  <TableRow>
                    <TableCell>Wave</TableCell>
                    <TableCell>Load</TableCell>
                    <TableCell>Change</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {r.waves.map(w => (
                    <TableRow key={w.wave.id}>
                      <TableCell>
                        {w.wave.title}
                        {w.wave.status === 'open' ? ' (open)' : ''}
                      </TableCell>
                      {w.status === 'released' ? (
                        <>
                          <TableCell>
                            {Math.round(w.scores?.load?.median ?? 0)}
                          </TableCell>
                          <TableCell>
                            {w.change?.load !== undefined
                              ? formatChange(w.change.load)
                              : ''}
                          </TableCell>
                        </>
                      ) : (
                        <Tooltip title={STATUS_HELP[w.status]}>
                          <TableCell colSpan={2} className={classes.withheld}>
                            {withheldText(w)}
                            {!smallTeam && w.countedIn
                              ? ` · counted in ${w.countedIn.title}`
                              : ''}
                          </TableCell>
                        </Tooltip>
                      )}
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </ReadableTable>
          </Box>
        </>
      );
    }
  }
  return (
    <InfoCard
      title="Cognitive load (surveys)"
      deepLink={{ title: 'My surveys', link: surveysLink }}
    >
      {prompt}
      {body}
    </InfoCard>
  );
}
