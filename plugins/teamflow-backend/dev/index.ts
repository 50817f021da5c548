import { createBackend } from '@backstage/backend-defaults';
import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';

// `yarn start` in this package: the plugin on its own, with an empty mock
// catalog and no auth. The portal (`./teamflow start`) is the real dev loop:
//   curl -H "Authorization: Bearer <token>" http://localhost:7007/api/teamflow/graph
const backend = createBackend();
backend.add(mockServices.auth.factory());
backend.add(mockServices.httpAuth.factory());
backend.add(catalogServiceMock.factory({ entities: [] }));
backend.add(import('../src'));
backend.start();
