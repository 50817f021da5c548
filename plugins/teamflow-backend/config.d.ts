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
     * Product analytics: Segment-compatible sources (README: Product
     * analytics).
     */
    analytics?: {
      /** Sources allowed to send, each with its own write key. */
      sources?: Array<{
        /** A name for the source, e.g. storefront-web. */
        id: string;
        /**
         * The write key the source sends (HTTP Basic user name or writeKey).
         * @visibility secret
         */
        writeKey: string;
      }>;
      /**
       * The secret user ids are hashed with (HMAC-SHA-256); required with
       * sources. Changing it makes every user a new one.
       * @visibility secret
       */
      userIdKey?: string;
      /** Days raw events and user-weeks are kept (default 90); aggregates are kept. */
      retentionDays?: number;
      /** Generate six months of demo usage into an empty store (default false). */
      demo?: boolean;
      /**
       * PostgreSQL: run the ingest's statements as prepared statements, parsed
       * and planned once per connection (default true). Set false behind a
       * connection pooler in transaction mode that does not carry prepared
       * statements across (PgBouncer before 1.21).
       */
      preparedStatements?: boolean;
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
      /** A team's open debt score grew in each of the last four weeks: the team (default true). */
      debtGrowing?: boolean;
      /** A team missed a delivery target (delivery.targets) two complete weeks running: the team (default true). */
      deliveryTargets?: boolean;
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
