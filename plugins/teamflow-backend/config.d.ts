export interface Config {
  teamflow?: {
    history?: {
      /** Days of daily organisation snapshots kept (default 400). */
      retentionDays?: number;
      /**
       * Generate six months of weekly demo snapshots before the first real
       * one (the demo portal; default false).
       */
      demo?: boolean;
    };
    /**
     * Alerts sent through the notifications backend after each day's
     * snapshot (README: Alerts).
     */
    alerts?: {
      /** Default true. */
      enabled?: boolean;
      /** A collaboration or facilitation passed its review date: both teams (default true). */
      reviewOverdue?: boolean;
      /** A team entered the overloaded structural-load band: the team (default true). */
      overloaded?: boolean;
      digest?: {
        /** The weekly review for admins (default true). */
        enabled?: boolean;
        /** Day of the week (UTC), e.g. monday (default). */
        weekday?: string;
        /** Entity refs (groups or users); default teamflow.permission.admins. */
        recipients?: string[];
      };
    };
  };
}
