export interface Config {
  techDebt?: {
    /** SonarQube (or SonarCloud) for technical-debt signals. */
    sonarqube?: {
      /** e.g. https://sonarqube.example.com */
      baseUrl: string;
      /**
       * A SonarQube user token with Browse permission on the projects.
       * @visibility secret
       */
      apiKey?: string;
      /** Serve the demo's stand-in SonarQube under /api/tech-debt/sonarqube-stand-in. */
      demoStandIn?: boolean;
    };
  };
}
