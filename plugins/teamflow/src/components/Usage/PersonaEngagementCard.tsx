import useAsync from 'react-use/esm/useAsync';
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { ENGAGEMENT_FALLING_PERCENT } from '@teamflow/plugin-teamflow-common';
import { teamflowApiRef } from '../../api/TeamflowApi';
import { USAGE_WEEKS, signed } from '../../lib/usage';
import { ReadableTable } from '../ReadableTable';
import { useUsageStyles } from './usageStyles';
import { PersonaName } from './PersonaName';
import { NotConnected } from './NotConnected';

/**
 * On the CTO overview: every persona's engagement against the four weeks
 * before, falling first, with the features each uses most.
 *
 * @public
 */
export function PersonaEngagementCard() {
  const classes = useUsageStyles();
  const api = useApi(teamflowApiRef);
  const { value, loading, error } = useAsync(
    () => api.getEngagement(USAGE_WEEKS),
    [api],
  );
  let body;
  if (loading) body = <Progress />;
  else if (error) body = <ResponseErrorPanel error={error} />;
  else if (!value?.connected) body = <NotConnected />;
  else if (!value.personas.length)
    body = (
      <Typography variant="body2">
        No feature use in the last {USAGE_WEEKS * 2} weeks.
      </Typography>
    );
  else {
    const falling = value.personas.filter(
      p => p.change !== null && p.change <= ENGAGEMENT_FALLING_PERCENT,
    );
    body = (
      <>
        <Typography variant="body2" className={classes.summary}>
          {falling.length === 0
            ? 'No persona’s engagement is falling.'
            : `${falling.length} of ${value.personas.length} personas ${
                falling.length === 1 ? 'uses' : 'use'
              } the product less than in the ${USAGE_WEEKS} weeks before.`}
        </Typography>
        <ReadableTable>
          <Table
            size="small"
            className={classes.table}
            aria-label="Persona engagement"
          >
            <TableHead>
              <TableRow>
                <TableCell>Persona</TableCell>
                <TableCell className={classes.number}>Change</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {value.personas.map(p => (
                <TableRow key={p.persona}>
                  <TableCell>
                    <PersonaName persona={p.persona} />
                    {p.topFeatures[0] && (
                      <Typography
                        variant="caption"
                        component="div"
                        className={classes.note}
                      >
                        Uses most:{' '}
                        <EntityRefLink
                          entityRef={p.topFeatures[0]}
                          defaultKind="feature"
                        />
                      </Typography>
                    )}
                  </TableCell>
                  <TableCell
                    className={`${classes.number} ${
                      falling.includes(p) ? classes.falling : ''
                    }`}
                  >
                    {p.change === null ? 'new' : signed(p.change)}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </ReadableTable>
        <Typography variant="caption" component="p" className={classes.note}>
          Change: the users of each feature summed over the last {USAGE_WEEKS}{' '}
          complete weeks against the {USAGE_WEEKS} before; a fall of{' '}
          {-ENGAGEMENT_FALLING_PERCENT}% or more is falling.
        </Typography>
      </>
    );
  }
  return <InfoCard title="Persona engagement">{body}</InfoCard>;
}
