import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { rootRouteRef } from './routes';
import {
  CognitiveLoadClient,
  cognitiveLoadApiRef,
} from './api/CognitiveLoadApi';

/**
 * Cognitive-load surveys: answering, team trends, the org heatmap and wave
 * administration.
 *
 * @public
 */
export const cognitiveLoadPlugin = createPlugin({
  id: 'cognitive-load',
  routes: { root: rootRouteRef },
  apis: [
    createApiFactory({
      api: cognitiveLoadApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new CognitiveLoadClient(deps),
    }),
  ],
});

/** The page: my surveys, org heatmap, waves. @public */
export const CognitiveLoadPage: () => JSX.Element = cognitiveLoadPlugin.provide(
  createRoutableExtension({
    name: 'CognitiveLoadPage',
    component: () =>
      import('./components/CognitiveLoadPage').then(m => m.CognitiveLoadPage),
    mountPoint: rootRouteRef,
  }),
);

/** Team page card: latest perceived load, trend, and the open-survey prompt. @public */
export const EntityTeamCognitiveLoadCard: () => JSX.Element =
  cognitiveLoadPlugin.provide(
    createComponentExtension({
      name: 'EntityTeamCognitiveLoadCard',
      component: {
        lazy: () =>
          import('./components/TeamCard').then(m => m.TeamCognitiveLoadCard),
      },
    }),
  );

/** CTO overview card: latest wave's coverage and teams with high perceived load. @public */
export const CognitiveLoadOverviewCard: () => JSX.Element =
  cognitiveLoadPlugin.provide(
    createComponentExtension({
      name: 'CognitiveLoadOverviewCard',
      component: {
        lazy: () =>
          import('./components/Heatmap').then(m => m.CognitiveLoadOverviewCard),
      },
    }),
  );
