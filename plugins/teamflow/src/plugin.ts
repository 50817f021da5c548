import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { rootRouteRef } from './routes';
import type { OverviewSlots } from './components/Overview';
import { TeamflowClient, teamflowApiRef } from './api/TeamflowApi';

/**
 * Teamflow's frontend plugin: Team Topologies and personas on entity pages.
 *
 * @public
 */
export const teamflowPlugin = createPlugin({
  id: 'teamflow',
  routes: { root: rootRouteRef },
  apis: [
    createApiFactory({
      api: teamflowApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new TeamflowClient(deps),
    }),
  ],
});

/**
 * The organisation pages: team directory by value stream and team type,
 * persona coverage and ownership hygiene.
 *
 * @public
 */
export const TeamflowOrganisationPage: (props: {
  overviewCards?: OverviewSlots;
}) => JSX.Element = teamflowPlugin.provide(
  createRoutableExtension({
    name: 'TeamflowOrganisationPage',
    component: () =>
      import('./components/OrganisationPage').then(m => m.OrganisationPage),
    mountPoint: rootRouteRef,
  }),
);

const card = (name: string, load: () => Promise<() => JSX.Element | null>) =>
  teamflowPlugin.provide(
    createComponentExtension({ name, component: { lazy: load } }),
  );

/** Group page: team type, focus, value stream, Team API and interactions. @public */
export const EntityTeamTopologyCard = card('EntityTeamTopologyCard', () =>
  import('./components/TeamTopologyCard').then(m => m.TeamTopologyCard),
);

/** Group page: the personas the team serves. @public */
export const EntityTeamPersonasCard = card('EntityTeamPersonasCard', () =>
  import('./components/TeamPersonasCard').then(m => m.TeamPersonasCard),
);

/** Persona page: profile, type, lifecycle, owner, segments, evidence. @public */
export const EntityPersonaProfileCard = card('EntityPersonaProfileCard', () =>
  import('./components/PersonaCards').then(m => m.PersonaProfileCard),
);

/** Persona page: goals and pains. @public */
export const EntityPersonaGoalsCard = card('EntityPersonaGoalsCard', () =>
  import('./components/PersonaCards').then(m => m.PersonaGoalsCard),
);

/** Persona page: jobs to be done. @public */
export const EntityPersonaJobsCard = card('EntityPersonaJobsCard', () =>
  import('./components/PersonaCards').then(m => m.PersonaJobsCard),
);

/** Persona page: the teams serving it. @public */
export const EntityPersonaTeamsCard = card('EntityPersonaTeamsCard', () =>
  import('./components/PersonaCards').then(m => m.PersonaTeamsCard),
);

/** Persona page: the systems and components it uses. @public */
export const EntityPersonaUsesCard = card('EntityPersonaUsesCard', () =>
  import('./components/PersonaCards').then(m => m.PersonaUsesCard),
);

/** Component/System page: owner's team type and the personas served. @public */
export const EntityServesPersonasCard = card('EntityServesPersonasCard', () =>
  import('./components/ServesPersonasCard').then(m => m.ServesPersonasCard),
);

/** TeamInteraction page: who, how, why and until when. @public */
export const EntityTeamInteractionCard = card('EntityTeamInteractionCard', () =>
  import('./components/TeamInteractionCard').then(m => m.TeamInteractionCard),
);

/**
 * Group page: what the team offers other teams, by its type (an enabling
 * team's coaching engagements, a platform team's consumers). @public
 */
export const EntityTeamServiceCard = card('EntityTeamServiceCard', () =>
  import('./components/TeamServiceCard').then(m => m.TeamServiceCard),
);

/** Group page: the team's dependencies (declared vs observed) and structural load. @public */
export const EntityTeamNeighbourhoodCard = card(
  'EntityTeamNeighbourhoodCard',
  () =>
    import('./components/TeamNeighbourhoodCard').then(
      m => m.TeamNeighbourhoodCard,
    ),
);

/**
 * Persona entity page, ready-made: profile, teams serving it, goals, uses and
 * jobs, for `<EntitySwitch.Case if={isPersona}>`. @public
 */
export const EntityPersonaContent = card('EntityPersonaContent', () =>
  import('./components/EntityContents').then(m => m.PersonaContent),
);

/** Feature entity page, ready-made, for `<EntitySwitch.Case if={isKind('feature')}>`. @public */
export const EntityFeatureContent = card('EntityFeatureContent', () =>
  import('./components/EntityContents').then(m => m.FeatureContent),
);

/** The features aimed at a persona, each with why (part of EntityPersonaContent). @public */
export const EntityPersonaFeaturesCard = card('EntityPersonaFeaturesCard', () =>
  import('./components/FeatureCards').then(m => m.PersonaFeaturesCard),
);

/** Who uses a feature, per persona, with HEART figures (part of EntityFeatureContent). @public */
export const EntityFeatureUsageCard = card('EntityFeatureUsageCard', () =>
  import('./components/Usage').then(m => m.FeatureUsageCard),
);

/** The components implementing a feature, with delivery and open debt (part of EntityFeatureContent). @public */
export const EntityFeatureComponentsCard = card(
  'EntityFeatureComponentsCard',
  () =>
    import('./components/FeatureComponents').then(m => m.FeatureComponentsCard),
);

/** The features a persona uses most (part of EntityPersonaContent). @public */
export const EntityPersonaUsageCard = card('EntityPersonaUsageCard', () =>
  import('./components/Usage').then(m => m.PersonaUsageCard),
);

/** The features a team owns, with their outcomes and personas (team pages). @public */
export const EntityTeamFeaturesCard = card('EntityTeamFeaturesCard', () =>
  import('./components/FeatureCards').then(m => m.TeamFeaturesCard),
);

/** TeamInteraction entity page, ready-made. @public */
export const EntityTeamInteractionContent = card(
  'EntityTeamInteractionContent',
  () =>
    import('./components/EntityContents').then(m => m.TeamInteractionContent),
);

/**
 * Teamflow's cards for a team's page as Grid items (Team Topology, personas
 * served, dependencies and structural load), inside the page's Grid
 * container, guarded with `isTeamflowTeam`. @public
 */
export const EntityTeamflowTeamContent = card('EntityTeamflowTeamContent', () =>
  import('./components/EntityContents').then(m => m.TeamflowTeamContent),
);
