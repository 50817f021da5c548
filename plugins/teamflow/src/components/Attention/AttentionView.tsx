import { Typography } from '@material-ui/core';
import useAsync from 'react-use/esm/useAsync';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { teamflowApiRef } from '../../api/TeamflowApi';
import { AttentionTable } from './AttentionTable';

/** The "Needs attention" tab: loads the table and its empty and error states. */
export function AttentionView(props: { mapLink: string }) {
  const api = useApi(teamflowApiRef);
  const { value, loading, error } = useAsync(() => api.getAttention(), [api]);
  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  if (!value || value.teams.length === 0) {
    return (
      <Typography>
        No teams in the catalog yet: the table fills in once team Groups
        (spec.type: team) are registered.
      </Typography>
    );
  }
  return <AttentionTable answer={value} mapLink={props.mapLink} />;
}
