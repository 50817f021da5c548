/**
 * GitHub source of the Teamflow delivery ledger: a scheduled backfill and
 * reconciliation of deployments and merged pull requests.
 *
 * @packageDocumentation
 */
export { deliveryModuleGithub as default } from './module';
export { GithubDeliverySource } from './GithubDeliverySource';
export type { GithubRepoState } from './GithubDeliverySource';
