import { createRouteRef } from '@backstage/core-plugin-api';

/** The organisation pages (team directory, persona coverage, ownership hygiene). */
export const rootRouteRef = createRouteRef({ id: 'teamflow' });
