/**
 * Cognitive-load surveys for Backstage's new frontend system: the page, the
 * team card and the API, as extensions.
 *
 * @packageDocumentation
 */
import CognitiveLoadIcon from '@material-ui/icons/EmojiObjects';
import {
  ApiBlueprint,
  ExtensionBoundary,
  PageBlueprint,
  coreExtensionData,
  createExtension,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import { EntityCardBlueprint } from '@backstage/plugin-catalog-react/alpha';
import { convertLegacyRouteRef } from '@backstage/core-compat-api';
import { getTeamType } from '@teamflow/plugin-teamflow-common';
import { rootRouteRef } from './routes';
import {
  CognitiveLoadClient,
  cognitiveLoadApiRef,
} from './api/CognitiveLoadApi';

const api = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: cognitiveLoadApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new CognitiveLoadClient(deps),
    }),
});

const page = PageBlueprint.make({
  params: {
    path: '/cognitive-load',
    title: 'Cognitive load',
    icon: <CognitiveLoadIcon />,
    routeRef: convertLegacyRouteRef(rootRouteRef),
    loader: () =>
      import('./components/CognitiveLoadPage').then(m => (
        <m.CognitiveLoadPage />
      )),
  },
});

const teamCard = EntityCardBlueprint.make({
  name: 'team-cognitive-load',
  params: {
    filter: entity => getTeamType(entity) !== undefined,
    loader: () =>
      import('./components/TeamCard').then(m => <m.TeamCognitiveLoadCard />),
  },
});

// The card of Teamflow's organisation overview (its `cognitiveLoad` input).
const overviewCard = createExtension({
  name: 'overview-card',
  attachTo: { id: 'page:teamflow', input: 'cognitiveLoad' },
  output: [coreExtensionData.reactElement],
  factory: ({ node }) => [
    coreExtensionData.reactElement(
      ExtensionBoundary.lazy(node, () =>
        import('./components/Heatmap').then(m => (
          <m.CognitiveLoadOverviewCard />
        )),
      ),
    ),
  ],
});

/**
 * The cognitive-load plugin for the new frontend system.
 *
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'cognitive-load',
  routes: { root: convertLegacyRouteRef(rootRouteRef) },
  extensions: [api, page, teamCard, overviewCard],
});
