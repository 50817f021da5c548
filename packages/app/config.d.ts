export interface Config {
  auth?: {
    providers?: {
      /**
       * Read by the sign-in page (src/components/signin): the demo users it offers. The backend
       * side of this provider is plugins/auth-backend-module-teamflow-demo-provider.
       */
      demo?: {
        /** @visibility frontend */
        users?: Array<{
          /** @visibility frontend */
          entityRef: string;
          /** @visibility frontend */
          title: string;
          /** @visibility frontend */
          description?: string;
        }>;
      };
    };
  };
}
