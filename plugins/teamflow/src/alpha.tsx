/**
 * Teamflow for Backstage's new frontend system: the same cards, page and
 * catalog filters as the classic exports, as extensions.
 *
 * @packageDocumentation
 */
import AccountTreeIcon from '@material-ui/icons/AccountTree';
import {
  ApiBlueprint,
  PageBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import {
  CatalogFilterBlueprint,
  EntityCardBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { convertLegacyRouteRef } from '@backstage/core-compat-api';
import { isPersona, isTeamInteraction, isTeamflowTeam } from './conditions';
import { rootRouteRef } from './routes';
import { TeamflowClient, teamflowApiRef } from './api/TeamflowApi';

const teamflowApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: teamflowApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new TeamflowClient(deps),
    }),
});

const teamCards = [
  EntityCardBlueprint.make({
    name: 'team-topology',
    params: {
      filter: isTeamflowTeam,
      loader: () =>
        import('./components/TeamTopologyCard').then(m => (
          <m.TeamTopologyCard />
        )),
    },
  }),
  EntityCardBlueprint.make({
    name: 'team-neighbourhood',
    params: {
      filter: isTeamflowTeam,
      loader: () =>
        import('./components/TeamNeighbourhoodCard').then(m => (
          <m.TeamNeighbourhoodCard />
        )),
    },
  }),
  EntityCardBlueprint.make({
    name: 'team-personas',
    params: {
      filter: isTeamflowTeam,
      loader: () =>
        import('./components/TeamPersonasCard').then(m => (
          <m.TeamPersonasCard />
        )),
    },
  }),
];

const personaCards = (
  [
    ['persona-profile', 'PersonaProfileCard'],
    ['persona-teams', 'PersonaTeamsCard'],
    ['persona-goals', 'PersonaGoalsCard'],
    ['persona-uses', 'PersonaUsesCard'],
    ['persona-jobs', 'PersonaJobsCard'],
  ] as const
).map(([name, component]) =>
  EntityCardBlueprint.make({
    name,
    params: {
      filter: isPersona,
      loader: () =>
        import('./components/PersonaCards').then(m => {
          const Card = m[component];
          return <Card />;
        }),
    },
  }),
);

const servesPersonasCard = EntityCardBlueprint.make({
  name: 'serves-personas',
  params: {
    filter: 'kind:component,system',
    loader: () =>
      import('./components/ServesPersonasCard').then(m => (
        <m.ServesPersonasCard />
      )),
  },
});

const teamInteractionCard = EntityCardBlueprint.make({
  name: 'team-interaction',
  params: {
    filter: isTeamInteraction,
    loader: () =>
      import('./components/TeamInteractionCard').then(m => (
        <m.TeamInteractionCard />
      )),
  },
});

const organisationPage = PageBlueprint.make({
  params: {
    path: '/teamflow',
    title: 'Organisation',
    icon: <AccountTreeIcon />,
    routeRef: convertLegacyRouteRef(rootRouteRef),
    loader: () =>
      import('./components/OrganisationPage').then(m => <m.OrganisationPage />),
  },
});

const filters = [
  CatalogFilterBlueprint.make({
    name: 'team-type',
    params: {
      loader: () =>
        import('./components/CatalogFilters').then(m => (
          <m.EntityTeamTypePicker />
        )),
    },
  }),
  CatalogFilterBlueprint.make({
    name: 'persona',
    params: {
      loader: () =>
        import('./components/CatalogFilters').then(m => (
          <m.EntityPersonaPicker />
        )),
    },
  }),
];

/**
 * The Teamflow plugin for the new frontend system.
 *
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'teamflow',
  routes: { root: convertLegacyRouteRef(rootRouteRef) },
  extensions: [
    teamflowApi,
    ...teamCards,
    ...personaCards,
    servesPersonasCard,
    teamInteractionCard,
    organisationPage,
    ...filters,
  ],
});
