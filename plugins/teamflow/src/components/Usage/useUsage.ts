import useAsync from 'react-use/esm/useAsync';
import { useApi } from '@backstage/core-plugin-api';
import { teamflowApiRef } from '../../api/TeamflowApi';
import { USAGE_WEEKS } from '../../lib/usage';

/** The usage of a persona's or a feature's last complete weeks, loaded. */
export function useUsage(query: { persona?: string; feature?: string }) {
  const api = useApi(teamflowApiRef);
  return useAsync(
    () => api.getUsage({ ...query, weeks: USAGE_WEEKS }),
    [api, query.persona, query.feature],
  );
}
