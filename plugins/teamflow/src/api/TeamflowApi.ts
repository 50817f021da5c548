import {
  DiscoveryApi,
  FetchApi,
  createApiRef,
} from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  StructuralLoad,
  TeamEdge,
  TeamNode,
} from '@teamflow/plugin-teamflow-common';

/** One team's neighbourhood in the dependency graph. @public */
export type TeamNeighbourhood = {
  generatedAt: string;
  team: TeamNode;
  edges: TeamEdge[];
  neighbours: TeamNode[];
};

/** Client of the Teamflow backend. @public */
export interface TeamflowApi {
  getTeamNeighbourhood(teamRef: {
    namespace: string;
    name: string;
  }): Promise<TeamNeighbourhood>;
  getStructuralLoad(teamRef: {
    namespace: string;
    name: string;
  }): Promise<StructuralLoad>;
}

/** @public */
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

  getTeamNeighbourhood(ref: { namespace: string; name: string }) {
    return this.get<TeamNeighbourhood>(
      `/graph/teams/${encodeURIComponent(ref.namespace)}/${encodeURIComponent(
        ref.name,
      )}`,
    );
  }

  async getStructuralLoad(ref: { namespace: string; name: string }) {
    const { load } = await this.get<{ load: StructuralLoad }>(
      `/structural-load/${encodeURIComponent(
        ref.namespace,
      )}/${encodeURIComponent(ref.name)}`,
    );
    return load;
  }
}
