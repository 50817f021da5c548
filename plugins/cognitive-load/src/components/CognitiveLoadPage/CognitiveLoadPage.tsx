import {
  Content,
  Header,
  Page,
  Progress,
  TabbedLayout,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import { cognitiveLoadApiRef } from '../../api/CognitiveLoadApi';
import { MySurveysView } from '../MySurveys';
import { HeatmapView } from '../Heatmap';
import { WavesView } from '../Waves';

/**
 * Surveys to answer, the org heatmap and wave administration. The heatmap
 * tab is there for people who may read every team's results, and for the
 * owners of waves (their waves' results).
 */
export function CognitiveLoadPage() {
  const api = useApi(cognitiveLoadApiRef);
  const access = useAsync(() => api.listWaves(), [api]);
  return (
    <Page themeId="tool">
      <Header
        title="Cognitive load"
        subtitle="Anonymous team surveys: how much your teams carry, and what to take off them"
      />
      {access.loading ? (
        <Content>
          <Progress />
        </Content>
      ) : (
        <TabbedLayout>
          <TabbedLayout.Route path="/" title="My surveys">
            <Content>
              <MySurveysView />
            </Content>
          </TabbedLayout.Route>
          {/* Offered with the results permission or a wave of one's own
              (the backend's canReadResults); its route still explains
              itself if linked. */}
          {access.value?.canReadResults ? (
            <TabbedLayout.Route path="/results" title="Org heatmap">
              <Content>
                <HeatmapView />
              </Content>
            </TabbedLayout.Route>
          ) : null}
          <TabbedLayout.Route path="/waves" title="Waves">
            <Content>
              <WavesView />
            </Content>
          </TabbedLayout.Route>
        </TabbedLayout>
      )}
    </Page>
  );
}
