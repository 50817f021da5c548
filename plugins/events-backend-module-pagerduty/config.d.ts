export interface Config {
  events?: {
    modules?: {
      pagerduty?: {
        /**
         * The secret of the PagerDuty v3 webhook subscription.
         * @visibility secret
         */
        webhookSecret?: string;
      };
    };
  };
}
