import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { rootRouteRef } from './routes';
import { DeliveryClient, deliveryApiRef } from './api/DeliveryApi';

/**
 * Delivery flow (DORA): entity and team cards and tabs, the org page.
 *
 * @public
 */
export const deliveryPlugin = createPlugin({
  id: 'delivery',
  routes: { root: rootRouteRef },
  apis: [
    createApiFactory({
      api: deliveryApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new DeliveryClient(deps),
    }),
  ],
});

/** The org page: every team's five metrics as trends. @public */
export const DeliveryPage: () => JSX.Element = deliveryPlugin.provide(
  createRoutableExtension({
    name: 'DeliveryPage',
    component: () => import('./components/OrgFlow').then(m => m.OrgFlowPage),
    mountPoint: rootRouteRef,
  }),
);

const component = (name: string, load: () => Promise<() => JSX.Element>) =>
  deliveryPlugin.provide(
    createComponentExtension({ name, component: { lazy: load } }),
  );

/** Entity tab for components, systems and teams. @public */
export const EntityDeliveryContent = component('EntityDeliveryContent', () =>
  import('./components/Flow').then(m => m.EntityDeliveryContent),
);

/** Entity card for components, systems and teams. @public */
export const EntityDeliveryCard: (props: {
  hideWhenEmpty?: boolean;
}) => JSX.Element | null = deliveryPlugin.provide(
  createComponentExtension({
    name: 'EntityDeliveryCard',
    component: {
      lazy: () => import('./components/Flow').then(m => m.EntityDeliveryCard),
    },
  }),
);

/** CTO overview card. @public */
export const DeliveryOverviewCard = component('DeliveryOverviewCard', () =>
  import('./components/OrgFlow').then(m => m.DeliveryOverviewCard),
);
