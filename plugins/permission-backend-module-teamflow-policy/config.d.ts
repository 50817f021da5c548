export interface Config {
  teamflow?: {
    permission?: {
      /**
       * Group (or user) refs whose members are allowed everything, e.g.
       * group:default/cto-office. Short names default to kind group, namespace default.
       */
      admins?: string[];
    };
  };
}
