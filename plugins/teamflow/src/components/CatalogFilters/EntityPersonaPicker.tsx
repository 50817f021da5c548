import { useEffect, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { Box } from '@material-ui/core';
import { Select } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef, useEntityList } from '@backstage/plugin-catalog-react';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { PersonaFilter } from './filters';
import { TeamflowFilters, asList } from './teamflowFilters';

/**
 * Catalog filter: entities linked to a persona — teams that serve it and
 * systems or components it uses.
 *
 * @public
 */
export function EntityPersonaPicker() {
  const catalogApi = useApi(catalogApiRef);
  const { filters, updateFilters, queryParameters } =
    useEntityList<TeamflowFilters>();
  const [selected, setSelected] = useState<string[]>(() =>
    asList(queryParameters.persona),
  );
  const { value: personas } = useAsync(async () => {
    const { items } = await catalogApi.getEntities({
      filter: { kind: 'persona' },
      fields: ['kind', 'metadata.name', 'metadata.namespace', 'metadata.title'],
    });
    return items.map(p => ({
      value: stringifyEntityRef(p).toLocaleLowerCase('en-US'),
      label: p.metadata.title ?? p.metadata.name,
    }));
  }, [catalogApi]);
  const isPersonaList =
    filters.kind?.value?.toLocaleLowerCase('en-US') === 'persona';
  useEffect(() => {
    updateFilters({
      persona:
        !isPersonaList && selected.length
          ? new PersonaFilter(selected)
          : undefined,
    });
  }, [isPersonaList, selected, updateFilters]);
  if (isPersonaList || !personas?.length) return null;
  return (
    <Box pb={1} pt={1}>
      <Select
        label="Persona"
        multiple
        placeholder="All personas"
        items={personas}
        selected={selected}
        onChange={value => setSelected(asList(value))}
      />
    </Box>
  );
}
