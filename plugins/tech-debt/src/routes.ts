import { createRouteRef } from '@backstage/core-plugin-api';

/** The org page of technical debt. */
export const rootRouteRef = createRouteRef({ id: 'tech-debt' });
