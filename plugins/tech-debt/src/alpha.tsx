/**
 * Technical debt for Backstage's new frontend system.
 *
 * @packageDocumentation
 */
import DebtIcon from '@material-ui/icons/AccountBalance';
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
import { getTeamType } from '@teamflow/plugin-teamflow-common';
import { rootRouteRef } from './routes';
import { TechDebtClient, techDebtApiRef } from './api/TechDebtApi';
import { isTechDebtAvailable } from './conditions';

const api = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: techDebtApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new TechDebtClient(deps),
    }),
});

const page = PageBlueprint.make({
  params: {
    path: '/tech-debt',
    title: 'Technical debt',
    icon: <DebtIcon />,
    routeRef: convertLegacyRouteRef(rootRouteRef),
    loader: () =>
      import('./components/OrgDebt').then(m => <m.OrgTechDebtPage />),
  },
});

const entityTab = EntityContentBlueprint.make({
  params: {
    path: '/tech-debt',
    title: 'Tech debt',
    filter: isTechDebtAvailable,
    loader: () =>
      import('./components/EntityDebt').then(m => <m.EntityTechDebtContent />),
  },
});

// A team's debt, rolled up over everything it owns.
const teamTab = EntityContentBlueprint.make({
  name: 'team',
  params: {
    path: '/tech-debt',
    title: 'Tech debt',
    filter: entity => getTeamType(entity) !== undefined,
    loader: () =>
      import('./components/TeamDebt').then(m => <m.TeamTechDebtContent />),
  },
});

// The debt card of Teamflow's organisation overview (its `techDebt` input).
const overviewCard = createExtension({
  name: 'overview-card',
  attachTo: { id: 'page:teamflow', input: 'techDebt' },
  output: [coreExtensionData.reactElement],
  factory: ({ node }) => [
    coreExtensionData.reactElement(
      ExtensionBoundary.lazy(node, () =>
        import('./components/OrgDebt').then(m => <m.TechDebtOverviewCard />),
      ),
    ),
  ],
});

const teamCard = EntityCardBlueprint.make({
  name: 'team-tech-debt',
  params: {
    filter: entity => getTeamType(entity) !== undefined,
    loader: () =>
      import('./components/TeamDebt').then(m => <m.TeamTechDebtCard />),
  },
});

/**
 * The tech-debt plugin for the new frontend system.
 *
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'tech-debt',
  routes: { root: convertLegacyRouteRef(rootRouteRef) },
  extensions: [api, page, entityTab, teamTab, teamCard, overviewCard],
});
