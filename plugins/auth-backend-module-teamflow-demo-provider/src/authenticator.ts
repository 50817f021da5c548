import { createProxyAuthenticator } from '@backstage/plugin-auth-node';
import {
  AuthenticationError,
  InputError,
  NotAllowedError,
} from '@backstage/errors';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { readDemoUsers } from './config';

/**
 * The request header that names the demo user to sign in as.
 *
 * @public
 */
export const DEMO_USER_HEADER = 'x-teamflow-demo-user';

/**
 * What the demo authenticator hands to the sign-in resolver.
 *
 * @public
 */
export type DemoAuthResult = {
  /** Full entity ref of the chosen demo user, e.g. `user:default/maya.okafor`. */
  userEntityRef: string;
};

/**
 * What the authenticator reads from config at start-up.
 *
 * @public
 */
export type DemoContext = {
  /** The configured demo users' entity refs. */
  allowedRefs: Set<string>;
  /** False outside `NODE_ENV=development` unless `dangerouslyAllowOutsideDevelopment` is set. */
  enabled: boolean;
};

/**
 * A proxy-style authenticator: the frontend says which of the configured demo
 * users it wants to be, and only those users are accepted. Like the guest
 * provider it refuses to work outside `NODE_ENV=development` unless the
 * adopter explicitly opts in.
 *
 * @public
 */
export const demoAuthenticator = createProxyAuthenticator<
  DemoContext,
  DemoAuthResult,
  undefined
>({
  defaultProfileTransform: async () => ({ profile: {} }),
  initialize({ config }) {
    const allowOutsideDevelopment =
      config.getOptionalBoolean('dangerouslyAllowOutsideDevelopment') === true;
    return {
      allowedRefs: new Set(readDemoUsers(config).map(u => u.entityRef)),
      enabled:
        process.env.NODE_ENV === 'development' || allowOutsideDevelopment,
    };
  },
  async authenticate({ req }, ctx) {
    if (!ctx.enabled) {
      throw new NotAllowedError(
        "The demo sign-in provider is disabled outside development; set 'auth.providers.demo.dangerouslyAllowOutsideDevelopment: true' to use it anyway",
      );
    }
    const requested = req.header(DEMO_USER_HEADER);
    if (!requested) {
      throw new AuthenticationError(
        `Missing ${DEMO_USER_HEADER} header naming the demo user to sign in as`,
      );
    }
    let userEntityRef: string;
    try {
      userEntityRef = stringifyEntityRef(
        parseEntityRef(requested, {
          defaultKind: 'user',
          defaultNamespace: 'default',
        }),
      );
    } catch (error) {
      throw new InputError(
        `Header ${DEMO_USER_HEADER} is not a valid user entity ref: ${requested}`,
      );
    }
    if (!ctx.allowedRefs.has(userEntityRef)) {
      throw new NotAllowedError(
        `${userEntityRef} is not one of the demo users in auth.providers.demo.users`,
      );
    }
    return { result: { userEntityRef } };
  },
});
