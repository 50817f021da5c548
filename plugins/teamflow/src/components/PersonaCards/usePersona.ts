import { useEntity } from '@backstage/plugin-catalog-react';
import { PersonaEntity } from '@teamflow/plugin-teamflow-common';

/** The persona whose page this is. */
export function usePersona(): PersonaEntity {
  return useEntity<PersonaEntity>().entity;
}
