export interface Config {
  teamflow?: {
    search?: {
      /**
       * Register Backstage's Lunr engine with titles and team and people
       * names weighted, when no other engine is expected (no PostgreSQL
       * database, no Elasticsearch or OpenSearch configured). Default true;
       * set false when another search engine module is installed.
       */
      namesFirst?: boolean;
    };
  };
}
