import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { TeamflowPermissionPolicy } from './policy';

/**
 * Installs {@link TeamflowPermissionPolicy} as the permission backend's policy.
 *
 * @public
 */
export const permissionModuleTeamflowPolicy = createBackendModule({
  pluginId: 'permission',
  moduleId: 'teamflow-policy',
  register(reg) {
    reg.registerInit({
      deps: {
        policy: policyExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
      },
      async init({ policy, config, logger }) {
        policy.setPolicy(
          TeamflowPermissionPolicy.fromConfig(config, { logger }),
        );
      },
    });
  },
});
