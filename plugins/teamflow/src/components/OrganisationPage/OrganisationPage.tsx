import {
  Content,
  Header,
  Page,
  TabbedLayout,
} from '@backstage/core-components';
import { configApiRef, useApi, useRouteRef } from '@backstage/core-plugin-api';
import { rootRouteRef } from '../../routes';
import { DependencyMapView } from '../DependencyMap';
import { OverviewSlots, OverviewView } from '../Overview';
import { AttentionView } from '../Attention';
import { OwnershipHygieneView } from './OwnershipHygieneView';
import { TeamDirectory } from './TeamDirectory';
import { PersonaCoverageView } from './PersonaCoverageView';

/**
 * Organisation pages: the CTO overview, the team dependency map, the team
 * directory by value stream and type, persona coverage, ownership hygiene.
 * `overviewCards` fill the overview's delivery, cognitive-load and debt places.
 *
 * @public
 */
export function OrganisationPage(props: { overviewCards?: OverviewSlots }) {
  const root = useRouteRef(rootRouteRef);
  const orgName =
    useApi(configApiRef).getOptionalString('organization.name') ??
    'the organisation';
  return (
    <Page themeId="home">
      <Header
        title="Organisation"
        subtitle={`Teams, personas and ownership at ${orgName}`}
      />
      <TabbedLayout>
        <TabbedLayout.Route path="/" title="Overview">
          <Content>
            <OverviewView
              slots={props.overviewCards}
              mapLink={`${root()}/map`}
            />
          </Content>
        </TabbedLayout.Route>
        <TabbedLayout.Route path="/attention" title="Needs attention">
          <Content>
            <AttentionView mapLink={`${root()}/map`} />
          </Content>
        </TabbedLayout.Route>
        <TabbedLayout.Route path="/map" title="Dependency map">
          <Content>
            <DependencyMapView />
          </Content>
        </TabbedLayout.Route>
        <TabbedLayout.Route path="/directory" title="Team directory">
          <Content>
            <TeamDirectory />
          </Content>
        </TabbedLayout.Route>
        <TabbedLayout.Route path="/coverage" title="Persona coverage">
          <Content>
            <PersonaCoverageView />
          </Content>
        </TabbedLayout.Route>
        <TabbedLayout.Route path="/hygiene" title="Ownership hygiene">
          <Content>
            <OwnershipHygieneView />
          </Content>
        </TabbedLayout.Route>
      </TabbedLayout>
    </Page>
  );
}
