export interface Config {
  /** Teamflow delivery flow (@teamflow/plugin-delivery-backend). */
  delivery?: {
    /** How the five metrics are defined; shown on every tile. Changing them re-judges stored events. */
    definitions?: {
      /** Default production. */
      environment?: string;
      /** first-commit (default), pr-opened or merged. */
      leadTimeStart?: string;
      /** An incident this many hours after a deployment counts against it. Default 24. */
      failureWindowHours?: number;
      /** Fewer observations: "not enough data". Default 5. */
      minimumSample?: number;
    };
    /** How far (days) a new event can change the verdict of events around it. Default 30. */
    horizonDays?: number;
    judging?: {
      /**
       * Seconds queued events stay leased to the backend judging them; a
       * backend killed mid-judging leaves them to be judged again after
       * this. Default 120.
       */
      leaseSeconds?: number;
    };
    /**
     * Keep every team's numbers of a window in this backend's memory between
     * organisation answers, read again only for the teams judged since (on
     * any replica), and sum ahead each minute the windows ending today that
     * readers asked. Default true; false reads every team on every answer.
     */
    organisationCache?: boolean;
    /** Per-team targets, shown beside the team's own trend. */
    targets?: Array<{
      /** Team ref, e.g. group:default/checkout. */
      team: string;
      deploymentsPerDay?: number;
      leadTimeHours?: number;
      changeFailRate?: number;
      recoveryTimeHours?: number;
      reworkRate?: number;
    }>;
    demo?: {
      /** File six months of generated history for the Basketly demo. */
      seed?: boolean;
    };
  };
}
