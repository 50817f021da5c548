/**
 * Teamflow: Team Topologies team types and interactions and product personas
 * on Backstage entity pages.
 *
 * @packageDocumentation
 */

export {
  teamflowPlugin,
  TeamflowOrganisationPage,
  EntityTeamTopologyCard,
  EntityTeamPersonasCard,
  EntityPersonaProfileCard,
  EntityPersonaGoalsCard,
  EntityPersonaJobsCard,
  EntityPersonaTeamsCard,
  EntityPersonaUsesCard,
  EntityServesPersonasCard,
  EntityTeamInteractionCard,
  EntityTeamNeighbourhoodCard,
  EntityTeamServiceCard,
  EntityPersonaContent,
  EntityTeamInteractionContent,
  EntityTeamflowTeamContent,
  EntityFeatureContent,
  EntityPersonaFeaturesCard,
  EntityPersonaUsageCard,
  EntityFeatureUsageCard,
  EntityFeatureComponentsCard,
  EntityTeamFeaturesCard,
} from './plugin';
export { teamflowApiRef, TeamflowClient } from './api/TeamflowApi';
export type {
  TeamflowApi,
  TeamNeighbourhood,
  TeamflowOverview,
} from './api/TeamflowApi';
export type { OverviewSlots } from './components/Overview';
export {
  isTeamflowTeam,
  isPersona,
  isTeamInteraction,
  isFeature,
} from './conditions';
export { createTeamflowCatalogGraphApi } from './lib/catalogGraphApi';
export { TeamTypeChip } from './components/TeamTypeChip';
export { teamflowCatalogColumns } from './components/CatalogColumns/teamflowCatalogColumns';
export {
  EntityTeamTypePicker,
  EntityPersonaPicker,
  TeamTypeFilter,
  PersonaFilter,
} from './components/CatalogFilters';
