export interface Config {
  delivery?: {
    /** The GitHub backfill (@teamflow/plugin-delivery-backend-module-github). */
    github?: {
      /** Default true when the module is installed. */
      enabled?: boolean;
      /** Default every 30 minutes. */
      schedule?: {
        frequency: { minutes?: number; hours?: number } | string;
        timeout: { minutes?: number; hours?: number } | string;
        initialDelay?: { minutes?: number; seconds?: number } | string;
      };
      /** How far back the first run reads. Default 180. */
      backfillDays?: number;
      /** Deployments of the last N days are read again each run. Default 2. */
      reconcileDays?: number;
      /** GitHub deployment environment to read. Default production. */
      environment?: string;
    };
  };
}
