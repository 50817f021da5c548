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
  coreExtensionData,
  createExtensionInput,
  createFrontendModule,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import {
  CatalogFilterBlueprint,
  EntityCardBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { convertLegacyRouteRef } from '@backstage/core-compat-api';
import {
  isFeature,
  isPersona,
  isTeamInteraction,
  isTeamflowTeam,
} from './conditions';
import { rootRouteRef } from './routes';
import { Entity } from '@backstage/catalog-model';
import { TEAM_TYPE_LABEL } from '@teamflow/plugin-teamflow-common';
import { TeamflowClient, teamflowApiRef } from './api/TeamflowApi';
import { catalogGraphApiRef } from '@backstage/plugin-catalog-graph';
import { createTeamflowCatalogGraphApi } from './lib/catalogGraphApi';

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
    name: 'team-service',
    params: {
      filter: (entity: Entity) =>
        isTeamflowTeam(entity) &&
        ['enabling', 'platform'].includes(
          entity.metadata.labels?.[TEAM_TYPE_LABEL] ?? '',
        ),
      loader: () =>
        import('./components/TeamServiceCard').then(m => <m.TeamServiceCard />),
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

const featureCards = [
  EntityCardBlueprint.make({
    name: 'persona-features',
    params: {
      filter: isPersona,
      loader: () =>
        import('./components/FeatureCards').then(m => (
          <m.PersonaFeaturesCard />
        )),
    },
  }),
  EntityCardBlueprint.make({
    name: 'team-features',
    params: {
      filter: isTeamflowTeam,
      loader: () =>
        import('./components/FeatureCards').then(m => <m.TeamFeaturesCard />),
    },
  }),
  EntityCardBlueprint.make({
    name: 'feature',
    params: {
      filter: isFeature,
      loader: () =>
        import('./components/FeatureCards').then(m => <m.FeatureCard />),
    },
  }),
  EntityCardBlueprint.make({
    name: 'feature-components',
    params: {
      filter: isFeature,
      loader: () =>
        import('./components/FeatureComponents').then(m => (
          <m.FeatureComponentsCard />
        )),
    },
  }),
  EntityCardBlueprint.make({
    name: 'feature-usage',
    params: {
      filter: isFeature,
      loader: () =>
        import('./components/Usage').then(m => <m.FeatureUsageCard />),
    },
  }),
  EntityCardBlueprint.make({
    name: 'persona-usage',
    params: {
      filter: isPersona,
      loader: () =>
        import('./components/Usage').then(m => <m.PersonaUsageCard />),
    },
  }),
];

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

// The other Teamflow plugins attach their overview cards to these inputs
// (extension id page:teamflow); a missing plugin leaves its placeholder.
const organisationPage = PageBlueprint.makeWithOverrides({
  inputs: {
    cognitiveLoad: createExtensionInput([coreExtensionData.reactElement], {
      singleton: true,
      optional: true,
    }),
    techDebt: createExtensionInput([coreExtensionData.reactElement], {
      singleton: true,
      optional: true,
    }),
    delivery: createExtensionInput([coreExtensionData.reactElement], {
      singleton: true,
      optional: true,
    }),
  },
  factory(originalFactory, { inputs }) {
    const overviewCards = {
      cognitiveLoad: inputs.cognitiveLoad?.get(coreExtensionData.reactElement),
      techDebt: inputs.techDebt?.get(coreExtensionData.reactElement),
      delivery: inputs.delivery?.get(coreExtensionData.reactElement),
    };
    return originalFactory({
      path: '/teamflow',
      title: 'Organisation',
      icon: <AccountTreeIcon />,
      routeRef: convertLegacyRouteRef(rootRouteRef),
      loader: () =>
        import('./components/OrganisationPage').then(m => (
          <m.OrganisationPage overviewCards={overviewCards} />
        )),
    });
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
 * Teamflow's relations (persona served by team, team provides a service to
 * team, ...) known to every catalog graph: a module of the catalog-graph
 * plugin replacing its API with one that knows them. Add it to the app's
 * features next to the plugin.
 *
 * @alpha
 */
export const catalogGraphTeamflowRelationsModule = createFrontendModule({
  pluginId: 'catalog-graph',
  extensions: [
    ApiBlueprint.make({
      params: defineParams =>
        defineParams({
          api: catalogGraphApiRef,
          deps: {},
          factory: () => createTeamflowCatalogGraphApi(),
        }),
    }),
  ],
});

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
    ...featureCards,
    servesPersonasCard,
    teamInteractionCard,
    organisationPage,
    ...filters,
  ],
});
