import { createDevApp } from '@backstage/dev-utils';
import { techDebtPlugin, TechDebtPage } from '../src/plugin';

createDevApp()
  .registerPlugin(techDebtPlugin)
  .addPage({
    element: <TechDebtPage />,
    title: 'Root Page',
    path: '/tech-debt',
  })
  .render();
