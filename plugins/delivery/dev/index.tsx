import { createDevApp } from '@backstage/dev-utils';
import { deliveryPlugin, DeliveryPage } from '../src/plugin';

createDevApp()
  .registerPlugin(deliveryPlugin)
  .addPage({
    element: <DeliveryPage />,
    title: 'Root Page',
    path: '/delivery',
  })
  .render();
