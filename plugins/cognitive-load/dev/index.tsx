import { createDevApp } from '@backstage/dev-utils';
import { cognitiveLoadPlugin, CognitiveLoadPage } from '../src/plugin';

createDevApp()
  .registerPlugin(cognitiveLoadPlugin)
  .addPage({
    element: <CognitiveLoadPage />,
    title: 'Root Page',
    path: '/cognitive-load',
  })
  .render();
