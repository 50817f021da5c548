import { Config } from '@backstage/config';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';

/**
 * One user offered on the demo sign-in page.
 *
 * @public
 */
export type DemoUser = {
  entityRef: string;
  title: string;
  description?: string;
};

/**
 * Reads `auth.providers.demo.users` (the provider's own config block is
 * passed in). Refs are normalised so `maya.okafor` and
 * `user:default/maya.okafor` mean the same user; anything that is not a User
 * ref is a configuration error reported at start-up.
 *
 * @public
 */
export function readDemoUsers(config: Config): DemoUser[] {
  return (config.getOptionalConfigArray('users') ?? []).map((user, index) => {
    const raw = user.getString('entityRef');
    const ref = parseEntityRef(raw, {
      defaultKind: 'user',
      defaultNamespace: 'default',
    });
    if (ref.kind.toLocaleLowerCase('en-US') !== 'user') {
      throw new Error(
        `auth.providers.demo.users[${index}].entityRef must refer to a User entity, got ${raw}`,
      );
    }
    return {
      entityRef: stringifyEntityRef(ref),
      title: user.getString('title'),
      description: user.getOptionalString('description'),
    };
  });
}
