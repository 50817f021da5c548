import {
  Chip,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import { useEntity } from '@backstage/plugin-catalog-react';
import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  USAGE_WEEKS,
  formatUsers,
  percent,
  score,
  sinceLine,
  thisWeekOf,
} from '../../lib/usage';
import { ReadableTable } from '../ReadableTable';
import { useUsageStyles } from './usageStyles';
import { useUsage } from './useUsage';
import { UsageSparkline } from './UsageSparkline';
import { PersonaName } from './PersonaName';
import { ThisWeek } from './ThisWeek';
import { UsageFrame } from './UsageFrame';
import { UsagePending } from './UsagePending';

/**
 * On a feature's page: who uses it, per persona — reach and the HEART
 * figures — against the personas it was aimed at.
 *
 * @public
 */
export function FeatureUsageCard() {
  const classes = useUsageStyles();
  const { entity } = useEntity();
  const self = stringifyEntityRef(entity).toLocaleLowerCase('en-US');
  const state = useUsage({ feature: self });
  const title = 'Who uses it';
  const { value } = state;
  if (!value?.connected) return <UsagePending title={title} state={state} />;
  const used = value.usage.filter(u => u.activeUsers > 0);
  const total = used.reduce((s, u) => s + u.activeUsers, 0);
  const top = used[0];
  const aimed = value.usage.filter(u => u.targeted);
  let summary: string;
  const soFar = value.thisWeek.reduce((n, t) => n + t.activeUsers, 0);
  if (!top && soFar)
    summary = `${formatUsers(soFar)} ${
      soFar === 1 ? 'user' : 'users'
    } this week so far; the weekly figures start with its first complete week.`;
  else if (!top)
    summary = `Nobody used it in the last ${USAGE_WEEKS} weeks. ${sinceLine(
      value,
    )}`;
  else if (aimed.length && !top.targeted)
    summary = `Aimed at ${
      aimed.length === 1 ? 'one persona' : `${aimed.length} personas`
    }, used mostly by another: ${Math.round(
      (top.activeUsers / total) * 100,
    )}% of its weekly users are a persona it was not aimed at.`;
  else
    summary = `${formatUsers(total)} users a week; ${Math.round(
      (top.activeUsers / total) * 100,
    )}% of them are the ${
      top.targeted ? 'persona it is aimed at' : 'persona using it most'
    }.`;
  return (
    <UsageFrame title={title}>
      <Typography variant="body2" className={classes.summary}>
        {summary}
      </Typography>
      <div className={classes.scroll}>
        <ReadableTable>
          <Table
            size="small"
            className={classes.table}
            aria-label="Use per persona"
          >
            <TableHead>
              <TableRow>
                <TableCell>Persona</TableCell>
                <TableCell className={classes.number}>Users a week</TableCell>
                <TableCell>13 weeks</TableCell>
                <TableCell className={classes.number}>
                  This week so far
                </TableCell>
                <TableCell className={classes.number}>Events</TableCell>
                <TableCell className={classes.number}>New users</TableCell>
                <TableCell className={classes.number}>Back next week</TableCell>
                <TableCell className={classes.number}>Task success</TableCell>
                <TableCell className={classes.number}>Happiness</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {value.usage.map(u => (
                <TableRow key={u.persona}>
                  <TableCell>
                    <PersonaName persona={u.persona} />
                    {u.targeted && (
                      <Chip
                        size="small"
                        label="aimed at"
                        className={classes.chip}
                      />
                    )}
                  </TableCell>
                  <TableCell className={classes.number}>
                    {formatUsers(u.activeUsers)}
                  </TableCell>
                  <TableCell>
                    <UsageSparkline weekly={u.weekly} />
                  </TableCell>
                  <TableCell className={classes.number}>
                    <ThisWeek value={thisWeekOf(value, u.feature, u.persona)} />
                  </TableCell>
                  <TableCell className={classes.number}>
                    {u.events.toLocaleString('en-GB')}
                  </TableCell>
                  <TableCell className={classes.number}>
                    {u.newUsers.toLocaleString('en-GB')}
                  </TableCell>
                  <TableCell className={classes.number}>
                    {percent(u.retention)}
                  </TableCell>
                  <TableCell className={classes.number}>
                    {percent(u.taskSuccess)}
                  </TableCell>
                  <TableCell className={classes.number}>
                    {score(u.happiness)}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </ReadableTable>
      </div>
      <Typography variant="caption" component="p" className={classes.note}>
        Back next week: of a week&apos;s users, the share using it again the
        week after. Task success and happiness come from the success, failure
        and score events the feature declares (spec.analytics); – where none
        were declared or sent. {sinceLine(value)}
      </Typography>
    </UsageFrame>
  );
}
