import authPlugin from '@backstage/plugin-auth-backend';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import { decodeJwt } from 'jose';
import { authModuleTeamflowDemoProvider } from './module';
import { DEMO_USER_HEADER } from './authenticator';

const maya = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name: 'maya.okafor', namespace: 'default' },
  spec: { memberOf: ['checkout'] },
  relations: [{ type: 'memberOf', targetRef: 'group:default/checkout' }],
};
const priya = {
  ...maya,
  metadata: { name: 'priya.raman', namespace: 'default' },
  spec: { memberOf: ['discovery'] },
  relations: [{ type: 'memberOf', targetRef: 'group:default/discovery' }],
};

async function startAuth(demoConfig: object) {
  const { server } = await startTestBackend({
    features: [
      authPlugin,
      authModuleTeamflowDemoProvider,
      catalogServiceMock.factory({ entities: [maya, priya] }),
      mockServices.rootConfig.factory({
        data: {
          app: { baseUrl: 'http://localhost:3000' },
          auth: {
            session: { secret: 'test' },
            providers: { demo: demoConfig },
          },
        },
      }),
    ],
  });
  return server;
}

const allowed = {
  dangerouslyAllowOutsideDevelopment: true,
  users: [
    { entityRef: 'user:default/maya.okafor', title: 'Maya Okafor' },
    { entityRef: 'jonas.keller', title: 'Not in the catalog' },
  ],
};

function refresh(server: any, user?: string) {
  const req = request(server)
    .get('/api/auth/demo/refresh')
    .set('X-Requested-With', 'XMLHttpRequest');
  return user ? req.set(DEMO_USER_HEADER, user) : req;
}

describe('demo sign-in provider', () => {
  it('signs in as a listed demo user with their group memberships', async () => {
    const server = await startAuth(allowed);
    const res = await refresh(server, 'user:default/maya.okafor');
    expect(res.status).toBe(200);
    const { token, identity } = res.body.backstageIdentity;
    expect(decodeJwt(token).sub).toBe('user:default/maya.okafor');
    expect(identity.ownershipEntityRefs).toEqual([
      'user:default/maya.okafor',
      'group:default/checkout',
    ]);
  });

  it('accepts a short user name for a listed user', async () => {
    const server = await startAuth(allowed);
    const res = await refresh(server, 'maya.okafor');
    expect(res.status).toBe(200);
    expect(res.body.backstageIdentity.identity.userEntityRef).toBe(
      'user:default/maya.okafor',
    );
  });

  it.each([
    ['no header', undefined, 401, /Missing x-teamflow-demo-user/],
    [
      'a user who is not offered',
      'user:default/priya.raman',
      403,
      /not one of the demo users/,
    ],
    [
      'a group instead of a user',
      'group:default/checkout',
      403,
      /not one of the demo users/,
    ],
    ['a malformed ref', 'user:', 400, /not a valid user entity ref/],
    ['an offered user missing from the catalog', 'jonas.keller', 404, /./],
  ])('refuses %s', async (_name, header, status, message) => {
    const server = await startAuth(allowed);
    const res = await refresh(server, header);
    expect(res.status).toBe(status);
    expect(res.body.error.message).toMatch(message);
  });

  it('is switched off outside development unless explicitly allowed', async () => {
    const server = await startAuth({ users: allowed.users });
    const res = await refresh(server, 'user:default/maya.okafor');
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(/disabled outside development/);
  });
});
