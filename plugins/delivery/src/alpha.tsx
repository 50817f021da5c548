/**
 * Delivery flow (DORA) for Backstage's new frontend system.
 *
 * @packageDocumentation
 */
import FlowIcon from '@material-ui/icons/TrendingUp';
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
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { convertLegacyRouteRef } from '@backstage/core-compat-api';
import { rootRouteRef } from './routes';
import { DeliveryClient, deliveryApiRef } from './api/DeliveryApi';
import { isDeliveryAvailable } from './conditions';

const api = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: deliveryApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new DeliveryClient(deps),
    }),
});

const page = PageBlueprint.make({
  params: {
    path: '/delivery',
    title: 'Delivery flow',
    icon: <FlowIcon />,
    routeRef: convertLegacyRouteRef(rootRouteRef),
    loader: () => import('./components/OrgFlow').then(m => <m.OrgFlowPage />),
  },
});

const entityTab = EntityContentBlueprint.make({
  params: {
    path: '/delivery',
    title: 'Delivery',
    filter: isDeliveryAvailable,
    loader: () =>
      import('./components/Flow').then(m => <m.EntityDeliveryContent />),
  },
});

const card = EntityCardBlueprint.make({
  name: 'delivery-flow',
  params: {
    filter: isDeliveryAvailable,
    loader: () =>
      import('./components/Flow').then(m => <m.EntityDeliveryCard />),
  },
});

// The card of Teamflow's organisation overview (its `delivery` input).
const overviewCard = createExtension({
  name: 'overview-card',
  attachTo: { id: 'page:teamflow', input: 'delivery' },
  output: [coreExtensionData.reactElement],
  factory: ({ node }) => [
    coreExtensionData.reactElement(
      ExtensionBoundary.lazy(node, () =>
        import('./components/OrgFlow').then(m => <m.DeliveryOverviewCard />),
      ),
    ),
  ],
});

/**
 * The delivery plugin for the new frontend system.
 *
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'delivery',
  routes: { root: convertLegacyRouteRef(rootRouteRef) },
  extensions: [api, page, entityTab, card, overviewCard],
});
