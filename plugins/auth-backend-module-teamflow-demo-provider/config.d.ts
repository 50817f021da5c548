export interface Config {
  auth?: {
    providers?: {
      /** Teamflow's demo sign-in provider. Development only unless opted in. */
      demo?: {
        /**
         * The users a visitor may sign in as. The list is shown on the sign-in page.
         * @visibility frontend
         */
        users?: Array<{
          /**
           * A User entity ref, e.g. user:default/maya.okafor.
           * @visibility frontend
           */
          entityRef: string;
          /**
           * Shown on the sign-in card, e.g. "Maya Okafor".
           * @visibility frontend
           */
          title: string;
          /**
           * Shown under the title, e.g. the person's role and team.
           * @visibility frontend
           */
          description?: string;
        }>;
        /** Allow the demo provider when NODE_ENV is not development. */
        dangerouslyAllowOutsideDevelopment?: boolean;
      };
    };
  };
}
