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
  };
}
