import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  authProvidersExtensionPoint,
  createProxyAuthProviderFactory,
} from '@backstage/plugin-auth-node';
import { demoAuthenticator } from './authenticator';

/**
 * Registers the `demo` sign-in provider: visitors pick one of the configured
 * demo users and are signed in as that catalog User, with the user's group
 * memberships as ownership refs.
 *
 * @public
 */
export const authModuleTeamflowDemoProvider = createBackendModule({
  pluginId: 'auth',
  moduleId: 'teamflow-demo-provider',
  register(reg) {
    reg.registerInit({
      deps: { providers: authProvidersExtensionPoint },
      async init({ providers }) {
        providers.registerProvider({
          providerId: 'demo',
          factory: createProxyAuthProviderFactory({
            authenticator: demoAuthenticator,
            async signInResolver({ result }, ctx) {
              return ctx.signInWithCatalogUser({
                entityRef: result.userEntityRef,
              });
            },
          }),
        });
      },
    });
  },
});
