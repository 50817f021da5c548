import {
  DiscoveryApi,
  FetchApi,
  createApiRef,
} from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  DrillDownResponse,
  FlowSummaryResponse,
  OrgFlowResponse,
} from '@teamflow/plugin-delivery-common';

/** What a summary or drill-down is about, and over which window. @public */
export type FlowQuery = {
  entityRef?: string;
  teamRef?: string;
  includeChildTeams?: boolean;
  environment?: string;
  /** YYYY-MM-DD, inclusive */
  from?: string;
  /** YYYY-MM-DD, exclusive */
  to?: string;
};

/** Which deployments a drill-down lists. @public */
export type DrillDownFilter =
  | 'failed'
  | 'rework'
  | 'with-changes'
  | 'without-changes';

/**
 * Client of the delivery backend: DORA's five metrics, the organisation and drill-downs.
 *
 * @public
 */
export interface DeliveryApi {
  /** The five metrics of an entity or a team over a window, with weekly trends and DORA bands. */
  getSummary(query: FlowQuery): Promise<FlowSummaryResponse>;
  /** Every team; `teamTrends: false` leaves out the teams' weekly trends. */
  getOrganisation(
    query: FlowQuery & { teamTrends?: boolean },
  ): Promise<OrgFlowResponse>;
  /** The deployments, changes and incidents behind a number, newest first. */
  drillDown(
    query: FlowQuery & { only?: DrillDownFilter; limit?: number },
  ): Promise<DrillDownResponse>;
  /** Sources' progress for admins; undefined when the caller may not see it. */
  getSources(): Promise<SourcesResponse | undefined>;
}

/** What the delivery backend holds and what each source reports of its progress. @public */
export type SourcesResponse = {
  events: { deployments: number; changes: number; incidents: number };
  /** (entity, instant) pairs waiting to be judged. */
  queued: number;
  sources: Array<{
    source: string;
    key: string;
    state: Record<string, unknown>;
    updatedAt: string;
  }>;
};

/** The API reference of the delivery client. @public */
export const deliveryApiRef = createApiRef<DeliveryApi>({
  id: 'plugin.delivery',
});

const toQuery = (q: Record<string, unknown>) =>
  Object.entries(q)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `${k}=${encodeURIComponent(String(v))}`)
    .join('&');

/** The default {@link DeliveryApi}. @public */
export class DeliveryClient implements DeliveryApi {
  constructor(
    private readonly options: {
      discoveryApi: DiscoveryApi;
      fetchApi: FetchApi;
    },
  ) {}

  private async get<T>(path: string, query: Record<string, unknown>) {
    const base = await this.options.discoveryApi.getBaseUrl('delivery');
    const response = await this.options.fetchApi.fetch(
      `${base}${path}?${toQuery(query)}`,
    );
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return (await response.json()) as T;
  }

  /** {@inheritDoc DeliveryApi.getSummary} */
  getSummary(query: FlowQuery) {
    return this.get<FlowSummaryResponse>('/metrics', query);
  }

  /** {@inheritDoc DeliveryApi.getOrganisation} */
  getOrganisation(query: FlowQuery & { teamTrends?: boolean }) {
    return this.get<OrgFlowResponse>('/metrics/org', query);
  }

  /** {@inheritDoc DeliveryApi.drillDown} */
  drillDown(query: FlowQuery & { only?: DrillDownFilter; limit?: number }) {
    return this.get<DrillDownResponse>('/drill-down', query);
  }

  /** {@inheritDoc DeliveryApi.getSources} */
  async getSources() {
    const base = await this.options.discoveryApi.getBaseUrl('delivery');
    const response = await this.options.fetchApi.fetch(`${base}/admin/sources`);
    if (response.status === 403) return undefined;
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return (await response.json()) as SourcesResponse;
  }
}
