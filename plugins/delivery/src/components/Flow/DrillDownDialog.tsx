import useAsync from 'react-use/esm/useAsync';
import {
  Box,
  Dialog,
  DialogContent,
  DialogTitle,
  Typography,
} from '@material-ui/core';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  DrillDownFilter,
  FlowQuery,
  deliveryApiRef,
} from '../../api/DeliveryApi';
import { DeploymentsTable } from './DeploymentsTable';
import { IncidentsTable } from './IncidentsTable';

/** The deployments, changes and incidents behind a tile. */
export function DrillDownDialog(props: {
  title: string;
  query: FlowQuery;
  only?: DrillDownFilter;
  onClose: () => void;
}) {
  const api = useApi(deliveryApiRef);
  const { value, loading, error } = useAsync(
    () => api.drillDown({ ...props.query, only: props.only, limit: 200 }),
    [props.query, props.only],
  );
  return (
    <Dialog
      open
      onClose={props.onClose}
      maxWidth="lg"
      fullWidth
      aria-labelledby="drill-title"
    >
      <DialogTitle id="drill-title">
        {props.title}: the events behind it
      </DialogTitle>
      <DialogContent>
        {loading && <Progress />}
        {error && <ResponseErrorPanel error={error} />}
        {value && (
          <>
            <Typography variant="subtitle1">
              Deployments
              {props.only ? ` (${props.only.replace('-', ' ')})` : ''}:{' '}
              {value.deployments.length}
              {value.truncated ? ' (the newest 200)' : ''}
            </Typography>
            {value.deployments.length === 0 ? (
              <Typography color="textSecondary">
                No deployments in this window.
              </Typography>
            ) : (
              <DeploymentsTable
                deployments={value.deployments}
                changes={value.changes}
              />
            )}
            <Box mt={2}>
              <Typography variant="subtitle1">
                Incidents started in the window: {value.incidents.length}
              </Typography>
              {value.incidents.length > 0 && (
                <IncidentsTable incidents={value.incidents} />
              )}
            </Box>
          </>
        )}
      </DialogContent>
    </Dialog>
  );
}
