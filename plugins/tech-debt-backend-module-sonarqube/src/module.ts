import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { techDebtSignalsExtensionPoint } from '@teamflow/plugin-tech-debt-node';
import { SonarQubeSignalProvider } from './SonarQubeClient';
import { createSonarQubeStandIn } from './standIn';

/**
 * SonarQube technical debt, debt ratio and maintainability rating as debt
 * signals, for entities annotated `sonarqube.org/project-key`.
 *
 * @public
 */
export const techDebtModuleSonarqube = createBackendModule({
  pluginId: 'tech-debt',
  moduleId: 'sonarqube',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        httpRouter: coreServices.httpRouter,
        signals: techDebtSignalsExtensionPoint,
      },
      async init({ config, logger, httpRouter, signals }) {
        const c = config.getOptionalConfig('techDebt.sonarqube');
        if (!c) {
          logger.info(
            'No techDebt.sonarqube configuration; SonarQube signals are off',
          );
          return;
        }
        if (c.getOptionalBoolean('demoStandIn')) {
          httpRouter.use(createSonarQubeStandIn('/sonarqube-stand-in'));
          httpRouter.addAuthPolicy({
            path: '/sonarqube-stand-in',
            allow: 'unauthenticated',
          });
        }
        signals.addProvider(
          new SonarQubeSignalProvider({
            baseUrl: c.getString('baseUrl'),
            apiKey: c.getOptionalString('apiKey'),
            logger,
          }),
        );
      },
    });
  },
});
