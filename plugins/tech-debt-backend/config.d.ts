export interface Config {
  /** Teamflow technical debt (@teamflow/plugin-tech-debt-backend). */
  techDebt?: {
    /** How often signals are collected and items re-attributed to owners. Default 10 minutes. */
    refreshMinutes?: number;
    demo?: {
      /** Seed the Basketly demo's debt register once its components are in the catalog. */
      seed?: boolean;
    };
  };
}
