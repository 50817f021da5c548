import {
  Content,
  Header,
  Page,
  TabbedLayout,
} from '@backstage/core-components';
import { MySurveysView } from '../MySurveys';
import { HeatmapView } from '../Heatmap';
import { WavesView } from '../Waves';

/** Surveys to answer, the org heatmap and wave administration. */
export function CognitiveLoadPage() {
  return (
    <Page themeId="tool">
      <Header
        title="Cognitive load"
        subtitle="Anonymous team surveys: how much your teams carry, and what to take off them"
      />
      <TabbedLayout>
        <TabbedLayout.Route path="/" title="My surveys">
          <Content>
            <MySurveysView />
          </Content>
        </TabbedLayout.Route>
        <TabbedLayout.Route path="/results" title="Org heatmap">
          <Content>
            <HeatmapView />
          </Content>
        </TabbedLayout.Route>
        <TabbedLayout.Route path="/waves" title="Waves">
          <Content>
            <WavesView />
          </Content>
        </TabbedLayout.Route>
      </TabbedLayout>
    </Page>
  );
}
