/**
 * SonarQube as a source of technical-debt signals for Teamflow.
 *
 * @packageDocumentation
 */
export { techDebtModuleSonarqube as default } from './module';
export {
  SonarQubeSignalProvider,
  SONARQUBE_PROJECT_KEY_ANNOTATION,
  formatDebtMinutes,
} from './SonarQubeClient';
export { createSonarQubeStandIn } from './standIn';
