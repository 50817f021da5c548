import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { rootRouteRef } from './routes';
import { TechDebtClient, techDebtApiRef } from './api/TechDebtApi';

/**
 * Technical debt: the register on entity pages, team roll-ups and the org page.
 *
 * @public
 */
export const techDebtPlugin = createPlugin({
  id: 'tech-debt',
  routes: { root: rootRouteRef },
  apis: [
    createApiFactory({
      api: techDebtApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new TechDebtClient(deps),
    }),
  ],
});

/** The org page: debt by team and category, priorities, trend. @public */
export const TechDebtPage: () => JSX.Element = techDebtPlugin.provide(
  createRoutableExtension({
    name: 'TechDebtPage',
    component: () =>
      import('./components/OrgDebt').then(m => m.OrgTechDebtPage),
    mountPoint: rootRouteRef,
  }),
);

const component = (name: string, load: () => Promise<() => JSX.Element>) =>
  techDebtPlugin.provide(
    createComponentExtension({ name, component: { lazy: load } }),
  );

/** Entity tab for components, systems, resources and APIs: the register. @public */
export const EntityTechDebtContent = component('EntityTechDebtContent', () =>
  import('./components/EntityDebt').then(m => m.EntityTechDebtContent),
);

/** Team page card: the team's debt roll-up. @public */
export const EntityTeamTechDebtCard = component('EntityTeamTechDebtCard', () =>
  import('./components/TeamDebt').then(m => m.TeamTechDebtCard),
);

/** Team page tab: the roll-up and every item on what the team owns. @public */
export const EntityTeamTechDebtContent = component(
  'EntityTeamTechDebtContent',
  () => import('./components/TeamDebt').then(m => m.TeamTechDebtContent),
);

/** CTO overview card. @public */
export const TechDebtOverviewCard = component('TechDebtOverviewCard', () =>
  import('./components/OrgDebt').then(m => m.TechDebtOverviewCard),
);
