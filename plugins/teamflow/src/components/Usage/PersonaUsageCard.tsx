import {
  Chip,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import { EntityRefLink, useEntity } from '@backstage/plugin-catalog-react';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { FeatureUsage } from '@teamflow/plugin-teamflow-common';
import {
  USAGE_WEEKS,
  changeOf,
  formatUsers,
  percent,
  signed,
  sinceLine,
} from '../../lib/usage';
import { ReadableTable } from '../ReadableTable';
import { useUsageStyles } from './usageStyles';
import { useUsage } from './useUsage';
import { UsageSparkline } from './UsageSparkline';
import { UsageFrame } from './UsageFrame';
import { UsagePending } from './UsagePending';

/**
 * On a persona's page: the features this persona uses most, with their
 * trend, and whether the features aimed at it reach it.
 *
 * @public
 */
export function PersonaUsageCard() {
  const classes = useUsageStyles();
  const { entity } = useEntity();
  const self = stringifyEntityRef(entity).toLocaleLowerCase('en-US');
  const state = useUsage({ persona: self });
  const title = 'Features this persona uses most';
  const { value } = state;
  if (!value?.connected) return <UsagePending title={title} state={state} />;
  const rules = (entity.spec as any)?.analytics?.rules;
  if (!value.usage.length)
    return (
      <UsageFrame title={title}>
        <Typography variant="body2">
          {Array.isArray(rules) && rules.length
            ? `No use by this persona in the last ${USAGE_WEEKS} weeks. ${sinceLine(
                value,
              )}`
            : 'Product analytics cannot recognise this persona yet: declare spec.analytics.rules (trait conditions on identify calls).'}
        </Typography>
      </UsageFrame>
    );
  const launched = (u: FeatureUsage) =>
    u.lifecycle === undefined || u.lifecycle === 'launched';
  const missed = value.usage.filter(
    u => u.targeted && u.activeUsers === 0 && launched(u),
  );
  const chipOf = (u: FeatureUsage) => {
    if (!launched(u)) return `aimed at it · ${u.lifecycle}`;
    return u.activeUsers === 0 ? 'aimed at it, not reaching it' : 'aimed at it';
  };
  return (
    <UsageFrame title={title}>
      {missed.length > 0 && (
        <Typography variant="body2" className={classes.summary}>
          {missed.length === 1
            ? 'One feature aimed at this persona does'
            : `${missed.length} features aimed at this persona do`}{' '}
          not reach it yet.
        </Typography>
      )}
      <div className={classes.scroll}>
        <ReadableTable>
          <Table
            size="small"
            className={classes.table}
            aria-label="Features used by this persona"
          >
            <TableHead>
              <TableRow>
                <TableCell>Feature</TableCell>
                <TableCell className={classes.number}>Users a week</TableCell>
                <TableCell>13 weeks</TableCell>
                <TableCell className={classes.number}>Change</TableCell>
                <TableCell className={classes.number}>Events</TableCell>
                <TableCell className={classes.number}>Back next week</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {value.usage.map(u => (
                <TableRow key={u.feature}>
                  <TableCell>
                    <EntityRefLink
                      entityRef={u.feature}
                      defaultKind="feature"
                    />
                    {u.targeted && (
                      <Chip
                        size="small"
                        label={chipOf(u)}
                        className={classes.chip}
                        color={missed.includes(u) ? 'secondary' : 'default'}
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
                    {signed(changeOf(u.weekly, USAGE_WEEKS))}
                  </TableCell>
                  <TableCell className={classes.number}>
                    {u.events.toLocaleString('en-GB')}
                  </TableCell>
                  <TableCell className={classes.number}>
                    {percent(u.retention)}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </ReadableTable>
      </div>
      <Typography variant="caption" component="p" className={classes.note}>
        Change: users a week against the {USAGE_WEEKS} weeks before.{' '}
        {sinceLine(value)}
      </Typography>
    </UsageFrame>
  );
}
