import { useEffect, useState } from 'react';
import { Box } from '@material-ui/core';
import { Select } from '@backstage/core-components';
import { useEntityList } from '@backstage/plugin-catalog-react';
import { TEAM_TYPES_OR_UNDECLARED } from '@teamflow/plugin-teamflow-common';
import { TeamTypeFilter } from './filters';
import { TeamflowFilters, asList } from './teamflowFilters';

/**
 * Catalog filter: team Groups by Team Topologies type. Shown when the kind
 * filter is Group.
 *
 * @public
 */
export function EntityTeamTypePicker() {
  const { filters, updateFilters, queryParameters } =
    useEntityList<TeamflowFilters>();
  const [selected, setSelected] = useState<string[]>(() =>
    asList(queryParameters.teamType),
  );
  const isGroupList =
    filters.kind?.value?.toLocaleLowerCase('en-US') === 'group';
  useEffect(() => {
    updateFilters({
      teamType:
        isGroupList && selected.length
          ? new TeamTypeFilter(selected)
          : undefined,
    });
  }, [isGroupList, selected, updateFilters]);
  if (!isGroupList) return null;
  return (
    <Box pb={1} pt={1}>
      <Select
        label="Team type"
        multiple
        placeholder="All team types"
        items={TEAM_TYPES_OR_UNDECLARED.map(t => ({ label: t, value: t }))}
        selected={selected}
        onChange={value => setSelected(asList(value))}
      />
    </Box>
  );
}
