import { createBackend } from '@backstage/backend-defaults';
import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';

// `yarn start` in this package: the plugin on its own, with an empty mock
// catalog, mock auth (a request without credentials is the mock user) and
// every permission allowed. The portal (`./teamflow start`) is the real dev
// loop; here, for example:
//   curl http://localhost:7007/api/teamflow/graph
//   curl http://localhost:7007/api/teamflow/graph -H 'Authorization: Bearer mock-none-token'   # 401
const backend = createBackend();
backend.add(mockServices.auth.factory());
backend.add(mockServices.httpAuth.factory());
backend.add(
  mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
);
backend.add(catalogServiceMock.factory({ entities: [] }));
backend.add(import('../src'));
backend.start();
