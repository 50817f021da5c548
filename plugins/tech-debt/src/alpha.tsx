/**
 * Technical debt for Backstage's new frontend system.
 *
 * @packageDocumentation
 */
import DebtIcon from '@material-ui/icons/AccountBalance';
import {
  ApiBlueprint,
  PageBlueprint,
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
  extensions: [api, page, entityTab, teamCard],
});
