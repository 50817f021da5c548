/**
 * PagerDuty v3 webhooks into Backstage's events system (topic `pagerduty`).
 *
 * @packageDocumentation
 */
export {
  eventsModulePagerduty as default,
  createPagerDutySignatureValidator,
} from './module';
