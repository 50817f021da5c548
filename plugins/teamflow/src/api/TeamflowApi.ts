import {
  DiscoveryApi,
  FetchApi,
  createApiRef,
} from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  AttentionResponse,
  UsageResponse,
  EngagementResponse,
  NorthStarTree,
  ChangesResponse,
  HistoricTeamMap,
  OrganisationOverview,
  StructuralLoad,
  TeamEdge,
  TeamGraphFilter,
  TeamMap,
  TeamNode,
} from '@teamflow/plugin-teamflow-common';

/** The team dependency map, possibly filtered (defined in teamflow-common). @public */
export type { TeamMap } from '@teamflow/plugin-teamflow-common';

/** The CTO overview. @public */
export type TeamflowOverview = OrganisationOverview & { generatedAt: string };

/** One team's neighbourhood in the dependency graph. @public */
export type TeamNeighbourhood = {
  generatedAt: string;
  team: TeamNode;
  edges: TeamEdge[];
  neighbours: TeamNode[];
};

/** Client of the Teamflow backend. @public */
export interface TeamflowApi {
  /**
   * One team's neighbourhood: its edges in the dependency graph and the teams at their other ends.
   */
  getTeamNeighbourhood(teamRef: {
    namespace: string;
    name: string;
  }): Promise<TeamNeighbourhood>;
  /**
   * A team's structural cognitive load: what it owns, depends on and interacts with, against its
   * type's limits.
   */
  getStructuralLoad(teamRef: {
    namespace: string;
    name: string;
  }): Promise<StructuralLoad>;
  /** Structural load of every team the caller may see. */
  getAllStructuralLoad(): Promise<StructuralLoad[]>;
  /** The team dependency map, filtered by value stream, team type or edge kind. */
  getTeamMap(filter?: TeamGraphFilter): Promise<TeamMap>;
  /** The map as of a day with history, optionally compared with another day. */
  getTeamMapAsOf(
    filter: TeamGraphFilter,
    days: { asOf?: string; compareWith?: string },
  ): Promise<HistoricTeamMap>;
  /** Days with a snapshot of the organisation, oldest first. */
  getHistoryDays(): Promise<Array<{ day: string; source: string }>>;
  /** One team-level edge with the entity-level edges behind it. */
  getTeamEdge(from: string, to: string): Promise<TeamEdge>;
  /** The CTO overview of the organisation. */
  getOverview(): Promise<TeamflowOverview>;
  /** What changed in the organisation between two days (default: the last seven). */
  getChanges(window?: { from?: string; to?: string }): Promise<ChangesResponse>;
  /** Every team's signals side by side, most problems first. */
  getAttention(): Promise<AttentionResponse>;
  /** Product usage of one persona's features, or one feature's personas. */
  getUsage(query: {
    persona?: string;
    feature?: string;
    /** A team's features (those it owns). */
    team?: string;
    weeks?: number;
  }): Promise<UsageResponse>;
  /** Every persona's engagement against the weeks before, falling most first. */
  getEngagement(weeks?: number): Promise<EngagementResponse>;
  /** The North Star trees of the Domains declaring one. */
  getNorthStars(): Promise<NorthStarTree[]>;
}

/** The API reference of the Teamflow client. @public */
export const teamflowApiRef = createApiRef<TeamflowApi>({
  id: 'plugin.teamflow',
});

/** The default {@link TeamflowApi}, over `fetchApi` and `discoveryApi`. @public */
export class TeamflowClient implements TeamflowApi {
  constructor(
    private readonly options: {
      discoveryApi: DiscoveryApi;
      fetchApi: FetchApi;
    },
  ) {}

  private async get<T>(path: string): Promise<T> {
    const base = await this.options.discoveryApi.getBaseUrl('teamflow');
    const response = await this.options.fetchApi.fetch(`${base}${path}`);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }

  /** {@inheritDoc TeamflowApi.getTeamNeighbourhood} */
  getTeamNeighbourhood(ref: { namespace: string; name: string }) {
    return this.get<TeamNeighbourhood>(
      `/graph/teams/${encodeURIComponent(ref.namespace)}/${encodeURIComponent(
        ref.name,
      )}`,
    );
  }

  /** {@inheritDoc TeamflowApi.getStructuralLoad} */
  async getStructuralLoad(ref: { namespace: string; name: string }) {
    const { load } = await this.get<{ load: StructuralLoad }>(
      `/structural-load/${encodeURIComponent(
        ref.namespace,
      )}/${encodeURIComponent(ref.name)}`,
    );
    return load;
  }

  /** {@inheritDoc TeamflowApi.getAllStructuralLoad} */
  async getAllStructuralLoad() {
    const { teams } = await this.get<{ teams: StructuralLoad[] }>(
      '/structural-load',
    );
    return teams;
  }

  /** {@inheritDoc TeamflowApi.getTeamMap} */
  getTeamMap(filter: TeamGraphFilter = {}) {
    return this.get<TeamMap>(`/graph${this.mapQuery(filter)}`);
  }

  /** {@inheritDoc TeamflowApi.getTeamMapAsOf} */
  getTeamMapAsOf(
    filter: TeamGraphFilter,
    days: { asOf?: string; compareWith?: string },
  ) {
    return this.get<HistoricTeamMap>(`/graph${this.mapQuery(filter, days)}`);
  }

  /** {@inheritDoc TeamflowApi.getHistoryDays} */
  async getHistoryDays() {
    const { days } = await this.get<{
      days: Array<{ day: string; source: string }>;
    }>('/history');
    return days;
  }

  /** {@inheritDoc TeamflowApi.getUsage} */
  getUsage(query: {
    persona?: string;
    feature?: string;
    team?: string;
    weeks?: number;
  }) {
    const params = new URLSearchParams();
    if (query.persona) params.set('persona', query.persona);
    if (query.feature) params.set('feature', query.feature);
    if (query.team) params.set('team', query.team);
    params.set('weeks', String(query.weeks ?? 4));
    return this.get<UsageResponse>(`/analytics/usage?${params}`);
  }

  /** {@inheritDoc TeamflowApi.getEngagement} */
  getEngagement(weeks = 4) {
    return this.get<EngagementResponse>(`/analytics/personas?weeks=${weeks}`);
  }

  /** {@inheritDoc TeamflowApi.getNorthStars} */
  async getNorthStars() {
    const { trees } = await this.get<{ trees: NorthStarTree[] }>(
      '/analytics/north-stars',
    );
    return trees;
  }

  private mapQuery(
    filter: TeamGraphFilter,
    days: { asOf?: string; compareWith?: string } = {},
  ) {
    const query = new URLSearchParams();
    if (filter.valueStream) query.set('valueStream', filter.valueStream);
    if (filter.domain) query.set('domain', filter.domain);
    if (filter.types?.length) query.set('type', filter.types.join(','));
    if (filter.problems) query.set('problems', 'true');
    if (days.asOf) query.set('asOf', days.asOf);
    if (days.compareWith) query.set('compareWith', days.compareWith);
    const qs = query.toString();
    return qs ? `?${qs}` : '';
  }

  /** {@inheritDoc TeamflowApi.getTeamEdge} */
  async getTeamEdge(from: string, to: string) {
    const query = new URLSearchParams({ from, to });
    const { edge } = await this.get<{ edge: TeamEdge }>(`/graph/edge?${query}`);
    return edge;
  }

  /** {@inheritDoc TeamflowApi.getOverview} */
  getOverview() {
    return this.get<TeamflowOverview>('/overview');
  }

  /** {@inheritDoc TeamflowApi.getChanges} */
  getChanges(window: { from?: string; to?: string } = {}) {
    const query = new URLSearchParams();
    if (window.from) query.set('from', window.from);
    if (window.to) query.set('to', window.to);
    const qs = query.toString();
    return this.get<ChangesResponse>(`/history/changes${qs ? `?${qs}` : ''}`);
  }

  /** {@inheritDoc TeamflowApi.getAttention} */
  getAttention() {
    return this.get<AttentionResponse>('/attention');
  }
}
