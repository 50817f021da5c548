import {
  AuthService,
  LoggerService,
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import {
  DefaultGithubCredentialsProvider,
  ScmIntegrations,
} from '@backstage/integration';
import {
  DeliveryEventSink,
  DeliveryEventSource,
  IncomingEvent,
  SourcedEvent,
  githubDeployment,
  githubPullRequest,
} from '@teamflow/plugin-delivery-node';

const SLUG = 'github.com/project-slug';
const DAY = 86_400_000;

/** Per-repository cursors and progress, kept by the delivery backend. @public */
export type GithubRepoState = {
  /** The newest pull request `updated_at` already read. */
  pullsUpdatedAt?: string;
  /** The newest deployment `created_at` already read. */
  deploymentsCreatedAt?: string;
  /** The oldest instant the backfill reached. */
  backfilledFrom?: string;
  backfillDone: boolean;
  deployments: number;
  changes: number;
  lastRunAt?: string;
  error?: string;
};

/**
 * Backfills and reconciles deployments and merged pull requests of every
 * component annotated `github.com/project-slug`, through the GitHub REST API
 * configured in `integrations.github` (`@backstage/integration`: token or
 * GitHub App). Runs as a scheduled task (once across replicas). Per
 * repository it keeps cursors (newest pull request update and deployment
 * read) so later runs read only what changed; deployments of the last
 * `reconcileDays` are read again to pick up late status changes. Ids are the
 * webhook handler's, so webhooks and backfill never count an event twice.
 *
 * @public
 */
export class GithubDeliverySource implements DeliveryEventSource {
  /** The source's id, under which the delivery backend keeps its cursors. */
  readonly id = 'github-backfill';

  constructor(
    private readonly options: {
      config: Config;
      catalog: CatalogService;
      auth: AuthService;
      logger: LoggerService;
      scheduler: SchedulerService;
      schedule: SchedulerServiceTaskScheduleDefinition;
      backfillDays: number;
      reconcileDays: number;
      environment: string;
      /** Replaces the global `fetch` (tests point it at a stand-in server). */
      fetch?: typeof fetch;
      now?: () => number;
    },
  ) {}

  /** Schedules the backfill and the reconciliation of every annotated repository. */
  async connect(sink: DeliveryEventSink) {
    await this.options.scheduler.scheduleTask({
      id: 'delivery-github-backfill',
      ...this.options.schedule,
      fn: async () => {
        await this.run(sink);
      },
    });
  }

  /** One pass over every annotated component. */
  async run(sink: DeliveryEventSink) {
    const credentials = await this.options.auth.getOwnServiceCredentials();
    const { items } = await this.options.catalog.getEntities(
      {
        filter: {
          kind: 'component',
          [`metadata.annotations.${SLUG}`]: CATALOG_FILTER_EXISTS,
        },
        fields: ['metadata.annotations'],
      },
      { credentials },
    );
    const slugs = [
      ...new Set(items.map(e => e.metadata.annotations![SLUG]).filter(Boolean)),
    ];
    for (const slug of slugs) {
      const key = `repo:${slug}`;
      const state: GithubRepoState = (await sink.getState<GithubRepoState>(
        key,
      )) ?? { backfillDone: false, deployments: 0, changes: 0 };
      try {
        await this.syncRepo(slug, state, sink);
        delete state.error;
      } catch (e: any) {
        state.error = String(e?.message ?? e);
        this.options.logger.warn(`GitHub backfill of ${slug}: ${state.error}`);
      }
      state.lastRunAt = new Date(this.now()).toISOString();
      await sink.setState(key, state);
    }
  }

  private now() {
    return this.options.now ? this.options.now() : Date.now();
  }

  private async client(slug: string) {
    const integrations = ScmIntegrations.fromConfig(this.options.config);
    const url = `https://github.com/${slug}`;
    const integration = integrations.github.byUrl(url);
    if (!integration)
      throw new Error(`no integrations.github entry for github.com`);
    const { headers } = await DefaultGithubCredentialsProvider.fromIntegrations(
      integrations,
    ).getCredentials({ url });
    const base = integration.config.apiBaseUrl ?? 'https://api.github.com';
    const doFetch = this.options.fetch ?? fetch;
    return async function* pages(path: string) {
      let next: string | undefined = `${base}${path}`;
      while (next) {
        const res: Response = await doFetch(next, {
          headers: {
            Accept: 'application/vnd.github+json',
            'X-GitHub-Api-Version': '2022-11-28',
            ...headers,
          },
        });
        if (!res.ok)
          throw new Error(
            `GET ${next} answered ${res.status} ${res.statusText}`,
          );
        yield (await res.json()) as any[];
        next = /<([^>]+)>;\s*rel="next"/.exec(
          res.headers.get('link') ?? '',
        )?.[1];
      }
    };
  }

  private async syncRepo(
    slug: string,
    state: GithubRepoState,
    sink: DeliveryEventSink,
  ) {
    const now = this.now();
    const pages = await this.client(slug);
    const horizon = new Date(
      now - this.options.backfillDays * DAY,
    ).toISOString();
    const events: IncomingEvent[] = [];

    // Merged pull requests, most recently updated first, down to the cursor.
    const pullsSince = state.pullsUpdatedAt ?? horizon;
    let newestPull = state.pullsUpdatedAt;
    let done = false;
    for await (const page of pages(
      `/repos/${slug}/pulls?state=closed&sort=updated&direction=desc&per_page=100`,
    )) {
      for (const pr of page) {
        if (pr.updated_at <= pullsSince) {
          done = true;
          break;
        }
        if (!newestPull || pr.updated_at > newestPull)
          newestPull = pr.updated_at;
        if (!pr.merged_at || pr.merged_at < horizon) continue;
        let firstCommitAt: string | undefined;
        for await (const commits of pages(
          `/repos/${slug}/pulls/${pr.number}/commits?per_page=1`,
        )) {
          firstCommitAt = commits[0]?.commit?.author?.date;
          break;
        }
        const change = githubPullRequest(slug, pr, now, firstCommitAt);
        if (change) events.push(change);
      }
      if (done) break;
    }

    // Deployments, newest first, down to the cursor less the reconcile margin.
    const reconcileFrom = state.deploymentsCreatedAt
      ? new Date(
          Date.parse(state.deploymentsCreatedAt) -
            this.options.reconcileDays * DAY,
        ).toISOString()
      : horizon;
    let newestDeployment = state.deploymentsCreatedAt;
    done = false;
    for await (const page of pages(
      `/repos/${slug}/deployments?environment=${encodeURIComponent(
        this.options.environment,
      )}&per_page=100`,
    )) {
      for (const d of page) {
        if (d.created_at < reconcileFrom) {
          done = true;
          break;
        }
        if (!newestDeployment || d.created_at > newestDeployment)
          newestDeployment = d.created_at;
        for await (const statuses of pages(
          `/repos/${slug}/deployments/${d.id}/statuses?per_page=1`,
        )) {
          const event = statuses[0]
            ? githubDeployment(slug, d, statuses[0], now)
            : undefined;
          if (event) events.push(event);
          break;
        }
      }
      if (done) break;
    }

    const sourced: SourcedEvent[] = events.map(event => ({
      source: this.id,
      event,
    }));
    for (let i = 0; i < sourced.length; i += 1000) {
      const result = await sink.ingest(sourced.slice(i, i + 1000));
      state.deployments += sourced
        .slice(i, i + 1000)
        .filter(e => e.event.kind === 'deployment').length;
      state.changes += sourced
        .slice(i, i + 1000)
        .filter(e => e.event.kind === 'change').length;
      if (result.rejected.length)
        state.error = `${result.rejected.length} events not filed: ${result.rejected[0].message}`;
    }
    state.pullsUpdatedAt = newestPull;
    state.deploymentsCreatedAt = newestDeployment;
    state.backfilledFrom ??= horizon;
    state.backfillDone = true;
  }
}
