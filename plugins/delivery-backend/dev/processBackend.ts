/*
 * A real Backstage backend process with the delivery plugin, for the crash
 * and replica tests (src/process.test.ts), which start it, post CDEvents to
 * it over HTTP and kill it with SIGKILL:
 *
 *   node --require @backstage/cli/config/nodeTransform.cjs dev/processBackend.ts
 *
 * Everything but the catalog is Backstage's own: the HTTP server, the
 * database service (PostgreSQL or a SQLite directory), auth with a static
 * external-access token, the scheduler, permissions. The catalog is the
 * test catalog holding the entities the test passes in.
 */
import { createBackend } from '@backstage/backend-defaults';
import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';

const options = JSON.parse(process.env.TEAMFLOW_PROCESS_BACKEND ?? '{}');
const port: number = options.port;

const backend = createBackend();
backend.add(
  mockServices.rootConfig.factory({
    data: {
      app: { baseUrl: `http://localhost:${port}` },
      backend: {
        baseUrl: `http://localhost:${port}`,
        listen: { port },
        database: options.database,
        auth: {
          externalAccess: [
            {
              type: 'static',
              options: { token: options.token, subject: 'process-test' },
            },
          ],
        },
      },
      delivery: options.delivery,
    },
  }),
);
backend.add(catalogServiceMock.factory({ entities: options.entities }));
backend.add(import('../src'));
backend.start();
