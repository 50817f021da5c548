import { Box, Grid, GridSize } from '@material-ui/core';
import {
  EntityApiDefinitionCard,
  EntityConsumedApisCard,
  EntityConsumingComponentsCard,
  EntityHasApisCard,
  EntityProvidedApisCard,
  EntityProvidingComponentsCard,
} from '@backstage/plugin-api-docs';
import {
  EntityAboutCard,
  EntityDependsOnComponentsCard,
  EntityDependsOnResourcesCard,
  EntityHasComponentsCard,
  EntityHasResourcesCard,
  EntityHasSubcomponentsCard,
  EntityHasSystemsCard,
  EntityLayout,
  EntityLinksCard,
  EntitySwitch,
  EntityOrphanWarning,
  EntityProcessingErrorsPanel,
  isComponentType,
  isKind,
  hasCatalogProcessingErrors,
  isOrphan,
  hasRelationWarnings,
  EntityRelationWarning,
} from '@backstage/plugin-catalog';
import {
  EntityUserProfileCard,
  EntityGroupProfileCard,
  EntityMembersListCard,
  EntityOwnershipCard,
} from '@backstage/plugin-org';
import {
  EntityTechdocsContent,
  isTechDocsAvailable,
} from '@backstage/plugin-techdocs';
import {
  Direction,
  EntityCatalogGraphCard,
} from '@backstage/plugin-catalog-graph';
import {
  Entity,
  RELATION_API_CONSUMED_BY,
  RELATION_API_PROVIDED_BY,
  RELATION_CONSUMES_API,
  RELATION_DEPENDENCY_OF,
  RELATION_DEPENDS_ON,
  RELATION_HAS_PART,
  RELATION_PART_OF,
  RELATION_PROVIDES_API,
} from '@backstage/catalog-model';

import {
  EntityTeamFeaturesCard,
  EntityFeatureContent,
  EntityPersonaContent,
  EntityServesPersonasCard,
  EntityTeamInteractionCard,
  EntityTeamNeighbourhoodCard,
  EntityTeamPersonasCard,
  EntityTeamServiceCard,
  EntityTeamTopologyCard,
  isTeamflowTeam,
} from '@teamflow/plugin-teamflow';
import { EntityTeamCognitiveLoadCard } from '@teamflow/plugin-cognitive-load';
import {
  EntityTeamTechDebtCard,
  EntityTeamTechDebtContent,
  EntityTechDebtContent,
} from '@teamflow/plugin-tech-debt';
import {
  EntityDeliveryCard,
  EntityDeliveryContent,
} from '@teamflow/plugin-delivery';
import { TechDocsAddons } from '@backstage/plugin-techdocs-react';
import { ReportIssue } from '@backstage/plugin-techdocs-module-addons-contrib';

/** A Group whose Team Topologies type label is `type`. */
const isTeamType = (type: string) => (entity: Entity) =>
  entity.metadata.labels?.['teamflow.io/team-type'] === type;

/**
 * Links (a team's channels, a service's dashboards) live in metadata.links;
 * an entity without any skips the card rather than showing Backstage's
 * how-to-add-links sample to every reader.
 */
const hasLinks = (entity: Entity) => Boolean(entity.metadata.links?.length);

/** The links card as a grid item `md` columns wide, where there are links. */
const linksCard = (md: GridSize) => (
  <EntitySwitch>
    <EntitySwitch.Case if={hasLinks}>
      <Grid item xs={12} md={md}>
        <EntityLinksCard />
      </Grid>
    </EntitySwitch.Case>
  </EntitySwitch>
);

const techdocsContent = (
  <EntityTechdocsContent>
    <TechDocsAddons>
      <ReportIssue />
    </TechDocsAddons>
  </EntityTechdocsContent>
);

const entityWarningContent = (
  <>
    <EntitySwitch>
      <EntitySwitch.Case if={isOrphan}>
        <Grid item xs={12}>
          <EntityOrphanWarning />
        </Grid>
      </EntitySwitch.Case>
    </EntitySwitch>

    <EntitySwitch>
      <EntitySwitch.Case if={hasRelationWarnings}>
        <Grid item xs={12}>
          <EntityRelationWarning />
        </Grid>
      </EntitySwitch.Case>
    </EntitySwitch>

    <EntitySwitch>
      <EntitySwitch.Case if={hasCatalogProcessingErrors}>
        <Grid item xs={12}>
          <EntityProcessingErrorsPanel />
        </Grid>
      </EntitySwitch.Case>
    </EntitySwitch>
  </>
);

const overviewContent = (
  <Grid container spacing={3} alignItems="stretch">
    {entityWarningContent}
    <Grid item md={6} xs={12}>
      <EntityAboutCard />
    </Grid>
    <Grid item md={6} xs={12}>
      <EntityCatalogGraphCard height={400} />
    </Grid>
    <Grid item md={6} xs={12}>
      <EntityServesPersonasCard />
    </Grid>
    <EntitySwitch>
      <EntitySwitch.Case if={isKind('component')}>
        <Grid item md={6} xs={12}>
          <EntityDeliveryCard />
        </Grid>
      </EntitySwitch.Case>
    </EntitySwitch>
    {linksCard(6)}
    <Grid item md={12} xs={12}>
      <EntityHasSubcomponentsCard />
    </Grid>
  </Grid>
);

const deliveryTab = (
  <EntityLayout.Route
    path="/delivery"
    title="Delivery"
    if={entity => ['component', 'system'].includes(entity.kind.toLowerCase())}
  >
    <EntityDeliveryContent />
  </EntityLayout.Route>
);

const techDebtTab = (
  <EntityLayout.Route path="/tech-debt" title="Tech debt">
    <EntityTechDebtContent />
  </EntityLayout.Route>
);

const serviceEntityPage = (
  <EntityLayout>
    <EntityLayout.Route path="/" title="Overview">
      {overviewContent}
    </EntityLayout.Route>

    <EntityLayout.Route path="/api" title="API">
      <Grid container spacing={3} alignItems="stretch">
        <Grid item xs={12}>
          <EntityProvidedApisCard />
        </Grid>
        <Grid item xs={12}>
          <EntityConsumedApisCard />
        </Grid>
      </Grid>
    </EntityLayout.Route>

    <EntityLayout.Route path="/dependencies" title="Dependencies">
      <Grid container spacing={3} alignItems="stretch">
        <Grid item xs={12}>
          <EntityDependsOnComponentsCard />
        </Grid>
        <Grid item xs={12}>
          <EntityDependsOnResourcesCard />
        </Grid>
      </Grid>
    </EntityLayout.Route>

    {deliveryTab}
    {techDebtTab}

    <EntityLayout.Route path="/docs" title="Docs" if={isTechDocsAvailable}>
      {techdocsContent}
    </EntityLayout.Route>
  </EntityLayout>
);

const websiteEntityPage = (
  <EntityLayout>
    <EntityLayout.Route path="/" title="Overview">
      {overviewContent}
    </EntityLayout.Route>

    <EntityLayout.Route path="/dependencies" title="Dependencies">
      <Grid container spacing={3} alignItems="stretch">
        <Grid item xs={12}>
          <EntityDependsOnComponentsCard />
        </Grid>
        <Grid item xs={12}>
          <EntityDependsOnResourcesCard />
        </Grid>
      </Grid>
    </EntityLayout.Route>

    {deliveryTab}
    {techDebtTab}

    <EntityLayout.Route path="/docs" title="Docs" if={isTechDocsAvailable}>
      {techdocsContent}
    </EntityLayout.Route>
  </EntityLayout>
);

/**
 * NOTE: This page is designed to work on small screens such as mobile devices.
 * This is based on Material UI Grid. If breakpoints are used, each grid item must set the `xs` prop to a column size or to `true`,
 * since this does not default. If no breakpoints are used, the items will equitably share the available space.
 * https://material-ui.com/components/grid/#basic-grid.
 */

const defaultEntityPage = (
  <EntityLayout>
    <EntityLayout.Route path="/" title="Overview">
      {overviewContent}
    </EntityLayout.Route>

    {deliveryTab}
    {techDebtTab}

    <EntityLayout.Route path="/docs" title="Docs" if={isTechDocsAvailable}>
      {techdocsContent}
    </EntityLayout.Route>
  </EntityLayout>
);

const componentPage = (
  <EntitySwitch>
    <EntitySwitch.Case if={isComponentType('service')}>
      {serviceEntityPage}
    </EntitySwitch.Case>

    <EntitySwitch.Case if={isComponentType('website')}>
      {websiteEntityPage}
    </EntitySwitch.Case>

    <EntitySwitch.Case>{defaultEntityPage}</EntitySwitch.Case>
  </EntitySwitch>
);

const apiPage = (
  <EntityLayout>
    <EntityLayout.Route path="/" title="Overview">
      <Grid container spacing={3}>
        {entityWarningContent}
        <Grid item md={6} xs={12}>
          <EntityAboutCard />
        </Grid>
        <Grid item md={6} xs={12}>
          <EntityCatalogGraphCard height={400} />
        </Grid>
        {linksCard(4)}
        <Grid container item md={12}>
          <Grid item xs={12}>
            <EntityProvidingComponentsCard />
          </Grid>
          <Grid item xs={12}>
            <EntityConsumingComponentsCard />
          </Grid>
        </Grid>
      </Grid>
    </EntityLayout.Route>

    <EntityLayout.Route path="/definition" title="Definition">
      <Grid container spacing={3}>
        <Grid item xs={12}>
          <EntityApiDefinitionCard />
        </Grid>
      </Grid>
    </EntityLayout.Route>

    {deliveryTab}
    {techDebtTab}
  </EntityLayout>
);

const userPage = (
  <EntityLayout>
    <EntityLayout.Route path="/" title="Overview">
      <Grid container spacing={3}>
        {entityWarningContent}
        <Grid item xs={12} md={6}>
          <EntityUserProfileCard />
        </Grid>
        <Grid item xs={12} md={6}>
          <EntityOwnershipCard />
        </Grid>
      </Grid>
    </EntityLayout.Route>
  </EntityLayout>
);

const groupPage = (
  <EntityLayout>
    <EntityLayout.Route path="/" title="Overview">
      <Grid container spacing={3}>
        {entityWarningContent}
        <EntitySwitch>
          <EntitySwitch.Case if={isTeamflowTeam}>
            <Grid item xs={12} md={8}>
              <EntityTeamTopologyCard />
            </Grid>
            <EntitySwitch>
              <EntitySwitch.Case if={isTeamType('enabling')}>
                {/* An enabling team serves teams, not customer personas. */}
                <Grid item xs={12} md={4}>
                  <EntityTeamServiceCard />
                </Grid>
              </EntitySwitch.Case>
              <EntitySwitch.Case>
                <Grid item xs={12} md={4}>
                  <EntityTeamPersonasCard />
                </Grid>
              </EntitySwitch.Case>
            </EntitySwitch>
            <Grid item xs={12} md={8}>
              <EntityTeamNeighbourhoodCard />
            </Grid>
            <Grid item xs={12} md={4}>
              <EntityTeamCognitiveLoadCard />
            </Grid>
            <Grid item xs={12} md={6}>
              <EntityTeamTechDebtCard />
            </Grid>
            <EntitySwitch>
              <EntitySwitch.Case if={isTeamType('platform')}>
                {/* A platform is read by who uses it; its delivery shows
                    once a pipeline reports for it. */}
                <Grid item xs={12} md={6}>
                  <EntityTeamServiceCard />
                </Grid>
                <Grid item xs={12} md={6}>
                  <EntityDeliveryCard hideWhenEmpty />
                </Grid>
              </EntitySwitch.Case>
              <EntitySwitch.Case if={isTeamType('enabling')}>
                <Grid item xs={12} md={6}>
                  <EntityDeliveryCard hideWhenEmpty />
                </Grid>
              </EntitySwitch.Case>
              <EntitySwitch.Case>
                <Grid item xs={12} md={6}>
                  <EntityDeliveryCard />
                </Grid>
                <Grid item xs={12} md={6}>
                  <EntityTeamFeaturesCard />
                </Grid>
              </EntitySwitch.Case>
            </EntitySwitch>
          </EntitySwitch.Case>
        </EntitySwitch>
        <Grid item xs={12} md={6}>
          <EntityGroupProfileCard />
        </Grid>
        <Grid item xs={12} md={6}>
          {/* Business units and the organisation own through their teams. */}
          <EntityOwnershipCard relationAggregation="aggregated" />
        </Grid>
        <Grid item xs={12} md={6}>
          <EntityMembersListCard
            showAggregateMembersToggle
            relationAggregation="aggregated"
          />
        </Grid>
        {linksCard(6)}
        <Grid item xs={12}>
          <EntityCatalogGraphCard
            title="Team in the organisation"
            height={400}
            maxDepth={1}
          />
        </Grid>
      </Grid>
    </EntityLayout.Route>
    <EntityLayout.Route
      path="/tech-debt"
      title="Tech debt"
      if={entity => isTeamflowTeam(entity)}
    >
      <EntityTeamTechDebtContent />
    </EntityLayout.Route>
    <EntityLayout.Route path="/delivery" title="Delivery">
      <EntityDeliveryContent />
    </EntityLayout.Route>
  </EntityLayout>
);

const systemPage = (
  <EntityLayout>
    <EntityLayout.Route path="/" title="Overview">
      <Grid container spacing={3} alignItems="stretch">
        {entityWarningContent}
        <Grid item md={6} xs={12}>
          <EntityAboutCard />
        </Grid>
        <Grid item md={6} xs={12}>
          <EntityCatalogGraphCard height={400} />
        </Grid>
        <Grid item md={6} xs={12}>
          <EntityServesPersonasCard />
        </Grid>
        <Grid item md={6} xs={12}>
          <EntityDeliveryCard />
        </Grid>
        {linksCard(6)}
        <Grid item md={12}>
          <EntityHasComponentsCard />
        </Grid>
        <Grid item xs={12}>
          <EntityHasApisCard />
        </Grid>
        <Grid item xs={12}>
          <EntityHasResourcesCard />
        </Grid>
      </Grid>
    </EntityLayout.Route>
    <EntityLayout.Route path="/diagram" title="Diagram">
      <EntityCatalogGraphCard
        direction={Direction.TOP_BOTTOM}
        title="System Diagram"
        height={700}
        relations={[
          RELATION_PART_OF,
          RELATION_HAS_PART,
          RELATION_API_CONSUMED_BY,
          RELATION_API_PROVIDED_BY,
          RELATION_CONSUMES_API,
          RELATION_PROVIDES_API,
          RELATION_DEPENDENCY_OF,
          RELATION_DEPENDS_ON,
        ]}
        unidirectional={false}
      />
    </EntityLayout.Route>

    {deliveryTab}
    {techDebtTab}
  </EntityLayout>
);

const domainPage = (
  <EntityLayout>
    <EntityLayout.Route path="/" title="Overview">
      <Grid container spacing={3} alignItems="stretch">
        {entityWarningContent}
        <Grid item md={6} xs={12}>
          <EntityAboutCard />
        </Grid>
        <Grid item md={6} xs={12}>
          <EntityCatalogGraphCard height={400} />
        </Grid>
        <Grid item xs={12}>
          <EntityHasSystemsCard />
        </Grid>
      </Grid>
    </EntityLayout.Route>
  </EntityLayout>
);

const personaPage = (
  <EntityLayout>
    <EntityLayout.Route path="/" title="Overview">
      <>
        <Grid container spacing={3}>
          {entityWarningContent}
        </Grid>
        <EntityPersonaContent />
        <Box mt={3}>
          <EntityCatalogGraphCard
            title="Teams and systems"
            height={400}
            maxDepth={1}
          />
        </Box>
      </>
    </EntityLayout.Route>
  </EntityLayout>
);

const teamInteractionPage = (
  <EntityLayout>
    <EntityLayout.Route path="/" title="Overview">
      <Grid container spacing={3}>
        {entityWarningContent}
        <Grid item xs={12} md={8}>
          <EntityTeamInteractionCard />
        </Grid>
        {linksCard(4)}
      </Grid>
    </EntityLayout.Route>
  </EntityLayout>
);

const featurePage = (
  <EntityLayout>
    <EntityLayout.Route path="/" title="Overview">
      <>
        <Grid container spacing={3}>
          {entityWarningContent}
        </Grid>
        <EntityFeatureContent />
        <Box mt={3}>
          <EntityCatalogGraphCard
            title="Team, components and personas"
            height={400}
            maxDepth={1}
          />
        </Box>
      </>
    </EntityLayout.Route>
  </EntityLayout>
);

export const entityPage = (
  <EntitySwitch>
    <EntitySwitch.Case if={isKind('component')} children={componentPage} />
    <EntitySwitch.Case if={isKind('api')} children={apiPage} />
    <EntitySwitch.Case if={isKind('group')} children={groupPage} />
    <EntitySwitch.Case if={isKind('user')} children={userPage} />
    <EntitySwitch.Case if={isKind('system')} children={systemPage} />
    <EntitySwitch.Case if={isKind('domain')} children={domainPage} />
    <EntitySwitch.Case if={isKind('persona')} children={personaPage} />
    <EntitySwitch.Case if={isKind('feature')} children={featurePage} />
    <EntitySwitch.Case
      if={isKind('teaminteraction')}
      children={teamInteractionPage}
    />

    <EntitySwitch.Case>{defaultEntityPage}</EntitySwitch.Case>
  </EntitySwitch>
);
