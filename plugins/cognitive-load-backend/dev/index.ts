import { createBackend } from '@backstage/backend-defaults';
import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';

// `yarn start` in this package: the plugin on its own, with one sample
// component in a mock catalog, mock auth (a request without credentials is the
// mock user) and every permission allowed. The portal (`./teamflow start`) is the real dev
// loop; here, for example:
//   curl 'http://localhost:7007/api/cognitive-load/instruments'
//   curl 'http://localhost:7007/api/cognitive-load/instruments' -H 'Authorization: Bearer mock-none-token'   # 401
const backend = createBackend();
backend.add(mockServices.auth.factory());
backend.add(mockServices.httpAuth.factory());
backend.add(mockServices.userInfo.factory());
backend.add(
  mockServices.permissions.factory({ result: AuthorizeResult.ALLOW }),
);
backend.add(
  catalogServiceMock.factory({
    entities: [
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: { name: 'sample', title: 'Sample Component' },
        spec: { type: 'service', owner: 'group:default/sample-team' },
      },
    ],
  }),
);
backend.add(import('../src'));
backend.start();
