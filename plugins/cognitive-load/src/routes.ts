import { createRouteRef } from '@backstage/core-plugin-api';

/** The cognitive-load page (my surveys, org heatmap, waves). */
export const rootRouteRef = createRouteRef({ id: 'cognitive-load' });
