import {
  AuthService,
  BackstageCredentials,
  DiscoveryService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { OrgFlowResponse } from '@teamflow/plugin-delivery-common';
import {
  AttentionResponse,
  AttentionSource,
  AttentionSourceStatus,
  TeamSignals,
} from '@teamflow/plugin-teamflow-common';
import { TeamGraphService } from '../services/TeamGraphService';
import {
  DebtByTeam,
  PerceivedLoadHeatmap,
  assembleAttention,
} from './assemble';

const SOURCES: Record<
  AttentionSource,
  {
    pluginId: string;
    path: string;
    name: string;
    /** What a refused caller lacks, when the plugin names it. */
    needs?: string;
  }
> = {
  delivery: {
    pluginId: 'delivery',
    path: '/metrics/org?teamTrends=false',
    name: 'Delivery',
  },
  techDebt: { pluginId: 'tech-debt', path: '/rollup/org', name: 'Tech debt' },
  cognitiveLoad: {
    pluginId: 'cognitive-load',
    path: '/results/heatmap',
    name: 'Cognitive load',
    needs: 'the cognitive-load.results.read permission, or a wave you opened',
  },
};

type Answer<T> = { status: AttentionSourceStatus; body?: T };

/** What the other Teamflow plugins say of every team (missing: no answer). */
export type OrgSignals = { delivery?: OrgFlowResponse; debt?: DebtByTeam };

/**
 * Each team's summary signals from the plugins' answers, keyed by team ref
 * (lower case, as the snapshot's refs).
 */
export function teamSignalsOf(signals: OrgSignals): Map<string, TeamSignals> {
  const out = new Map<string, TeamSignals>();
  const at = (ref: string) => {
    const key = ref.toLocaleLowerCase('en-US');
    let s = out.get(key);
    if (!s) out.set(key, (s = {}));
    return s;
  };
  for (const d of signals.debt?.byTeam ?? [])
    if (d.teamRef !== 'unowned')
      at(d.teamRef).debt = { open: d.open, score: d.score };
  for (const row of signals.delivery?.teams ?? []) {
    const m = row.summary;
    const median = (d: typeof m.leadTimeHours) =>
      d.status === 'ok' ? d.median : null;
    const rate = (r: typeof m.changeFailRate) =>
      r.status === 'ok' ? r.rate : null;
    at(row.teamRef).delivery = {
      deploymentsPerDay: m.deploymentFrequency.perDay,
      leadTimeHours: median(m.leadTimeHours),
      changeFailRate: rate(m.changeFailRate),
      recoveryTimeHours: median(m.recoveryTimeHours),
      reworkRate: rate(m.reworkRate),
    };
  }
  return out;
}

/**
 * Puts every team's signals side by side. The numbers of the other Teamflow
 * plugins are asked for over HTTP on behalf of the caller, so each plugin's
 * own permissions decide what the caller sees; a plugin that is not installed
 * or refuses leaves its columns out, and the answer says why.
 */
export class AttentionService {
  constructor(
    private readonly options: {
      teamGraph: TeamGraphService;
      discovery: DiscoveryService;
      auth: AuthService;
      logger: LoggerService;
      fetch?: typeof fetch;
      timeoutMs?: number;
    },
  ) {}

  private async ask<T>(
    source: AttentionSource,
    credentials: BackstageCredentials,
    pathOverride?: string,
  ): Promise<Answer<T>> {
    const { pluginId, name, needs } = SOURCES[source];
    const path = pathOverride ?? SOURCES[source].path;
    const { discovery, auth, logger } = this.options;
    const doFetch = this.options.fetch ?? fetch;
    try {
      const base = await discovery.getBaseUrl(pluginId);
      const { token } = await auth.getPluginRequestToken({
        onBehalfOf: credentials,
        targetPluginId: pluginId,
      });
      const response = await doFetch(`${base}${path}`, {
        headers: { Authorization: `Bearer ${token}` },
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
      });
      if (response.ok) {
        return { status: { status: 'ok' }, body: (await response.json()) as T };
      }
      if (response.status === 404) {
        return {
          status: {
            status: 'not-installed',
            message: `${name} plugin not installed in this portal`,
          },
        };
      }
      if (response.status === 401 || response.status === 403) {
        return {
          status: {
            status: 'not-permitted',
            message: needs
              ? `Needs ${needs}`
              : `Your ${name.toLocaleLowerCase(
                  'en-US',
                )} permissions do not allow this`,
          },
        };
      }
      throw new Error(`${response.status} ${response.statusText}`);
    } catch (e) {
      logger.warn(`Teams needing attention: ${name} did not answer: ${e}`);
      return {
        status: {
          status: 'unavailable',
          message: `${name} did not answer (${(e as Error).message})`,
        },
      };
    }
  }

  /**
   * The organisation's debt and delivery as the backend itself reads them
   * (its own service credentials: every team), for the daily snapshot and
   * its alerts. Delivery with each team's weekly trend and targets. A source
   * that is missing or down is left out.
   */
  async serviceSignals(): Promise<OrgSignals> {
    const credentials = await this.options.auth.getOwnServiceCredentials();
    const [delivery, debt] = await Promise.all([
      this.ask<OrgFlowResponse>(
        'delivery',
        credentials,
        '/metrics/org?teamTrends=true',
      ),
      this.ask<DebtByTeam>('techDebt', credentials),
    ]);
    return {
      ...(delivery.body ? { delivery: delivery.body } : {}),
      ...(debt.body ? { debt: debt.body } : {}),
    };
  }

  async attention(
    credentials: BackstageCredentials,
  ): Promise<AttentionResponse> {
    const [snapshot, delivery, debt, heatmap] = await Promise.all([
      this.options.teamGraph.getSnapshot(credentials),
      this.ask<OrgFlowResponse>('delivery', credentials),
      this.ask<DebtByTeam>('techDebt', credentials),
      this.ask<PerceivedLoadHeatmap>('cognitiveLoad', credentials),
    ]);
    return {
      generatedAt: snapshot.generatedAt,
      sources: {
        delivery: delivery.status,
        techDebt: debt.status,
        cognitiveLoad: heatmap.status,
      },
      ...(delivery.body ? { deliveryWindow: delivery.body.window } : {}),
      ...(heatmap.body?.wave
        ? {
            perceivedLoadWave: {
              id: heatmap.body.wave.id,
              title: heatmap.body.wave.title,
            },
          }
        : {}),
      teams: assembleAttention({
        snapshot,
        delivery: delivery.body,
        debt: debt.body,
        heatmap: heatmap.body,
      }),
    };
  }
}
