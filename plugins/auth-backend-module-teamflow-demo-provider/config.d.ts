export interface Config {
  auth?: {
    providers?: {
      /**
       * Teamflow's demo sign-in provider. The app that shows the list on its sign-in page marks
       * `users` frontend-visible in its own config schema (packages/app/config.d.ts here).
       */
      demo?: {
        /** The users a visitor may sign in as: User entity refs with a display title. */
        users?: Array<{
          entityRef: string;
          title: string;
          description?: string;
        }>;
        /** Allow the demo provider when NODE_ENV is not development. */
        dangerouslyAllowOutsideDevelopment?: boolean;
      };
    };
  };
}
