import {
  EventProblem,
  IncomingEvent,
  githubDeployment,
  githubPullRequest,
  instant,
} from '@teamflow/plugin-delivery-node';

/*
 * Provider webhooks, as Backstage's events system delivers them (topics
 * `github`, `gitlab`, `pagerduty`; signatures and tokens are checked by the
 * events backend's ingress before anything reaches here). Payload shapes are
 * the providers' documented ones:
 *
 * - GitHub: https://docs.github.com/en/webhooks/webhook-events-and-payloads
 *   (`deployment_status`, `pull_request`, `push`).
 * - GitLab: https://docs.gitlab.com/user/project/integrations/webhook_events/
 *   (deployment events, merge request events).
 * - PagerDuty Webhooks v3:
 *   https://developer.pagerduty.com/docs/webhooks-v3-overview (`incident.*`).
 *
 * Each returns the delivery events a payload means, or none when it means
 * nothing for delivery (a pull request opened, a deployment still running).
 */

const isObject = (x: unknown): x is Record<string, any> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);

/** GitLab writes `2021-04-28 21:50:00 +0200` or `2013-12-03 17:23:34 UTC` as well as ISO 8601. */
export function gitlabTime(value: unknown, path: string, now: number) {
  if (typeof value === 'string') {
    const m =
      /^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}) (UTC|[+-]\d{2}:?\d{2})$/.exec(
        value,
      );
    if (m)
      return instant(
        `${m[1]}T${m[2]}${m[3] === 'UTC' ? 'Z' : m[3]}`,
        path,
        now,
      );
  }
  return instant(value, path, now);
}

/** A GitHub webhook (event name from the `x-github-event` header). */
export function fromGithub(
  eventName: string,
  payload: unknown,
  now: number,
): IncomingEvent[] {
  if (!isObject(payload) || !isObject(payload.repository))
    throw new EventProblem('a GitHub payload names its repository');
  const slug = String(payload.repository.full_name ?? '');
  const entity = { annotation: 'github.com/project-slug', value: slug };
  if (eventName === 'deployment_status') {
    if (!isObject(payload.deployment_status) || !isObject(payload.deployment))
      throw new EventProblem(
        'deployment_status needs deployment_status and deployment',
      );
    const event = githubDeployment(
      slug,
      payload.deployment,
      payload.deployment_status,
      now,
    );
    return event ? [event] : [];
  }
  if (eventName === 'pull_request') {
    if (!isObject(payload.pull_request))
      throw new EventProblem('pull_request is missing');
    if (payload.action !== 'closed') return [];
    const event = githubPullRequest(slug, payload.pull_request, now);
    return event ? [event] : [];
  }
  if (eventName === 'push') {
    // Direct pushes to the default branch; merges of pull requests arrive as
    // pull_request events and are left out here (merge commits and squash
    // merges, whose message ends with "(#123)").
    const branch = `refs/heads/${payload.repository.default_branch ?? 'main'}`;
    if (payload.ref !== branch || !Array.isArray(payload.commits)) return [];
    return payload.commits
      .filter(
        (c: any) =>
          !/^Merge pull request #\d+/.test(String(c.message)) &&
          !/\(#\d+\)\s*$/.test(String(c.message).split('\n')[0]),
      )
      .map(
        (c: any): IncomingEvent => ({
          kind: 'change',
          id: `github-commit-${slug}-${c.id}`,
          entity,
          mergedAt: instant(c.timestamp, 'commits[].timestamp', now)!,
          labels: [],
          title: String(c.message).split('\n')[0],
          url: c.url ? String(c.url) : undefined,
        }),
      );
  }
  return [];
}

/** A GitLab webhook (deployment or merge request). */
export function fromGitlab(payload: unknown, now: number): IncomingEvent[] {
  if (!isObject(payload) || !isObject(payload.project))
    throw new EventProblem('a GitLab payload names its project');
  const slug = String(payload.project.path_with_namespace ?? '');
  const entity = { annotation: 'gitlab.com/project-slug', value: slug };
  if (payload.object_kind === 'deployment') {
    if (!['success', 'failed'].includes(String(payload.status))) return [];
    return [
      {
        kind: 'deployment',
        id: `gitlab-deployment-${slug}-${payload.deployment_id}`,
        entity,
        environment: String(payload.environment_tier ?? payload.environment),
        finishedAt: gitlabTime(
          payload.status_changed_at,
          'status_changed_at',
          now,
        )!,
        status: payload.status === 'success' ? 'success' : 'failure',
        rollback: false,
        version: payload.short_sha ? String(payload.short_sha) : undefined,
        url: payload.deployable_url
          ? String(payload.deployable_url)
          : undefined,
      },
    ];
  }
  if (payload.object_kind === 'merge_request') {
    const mr = payload.object_attributes;
    if (!isObject(mr)) throw new EventProblem('object_attributes is missing');
    if (mr.action !== 'merge' && mr.state !== 'merged') return [];
    if (mr.action !== 'merge') return [];
    const labels = Array.isArray(payload.labels) ? payload.labels : mr.labels;
    return [
      {
        kind: 'change',
        id: `gitlab-mr-${slug}!${mr.iid}`,
        entity,
        mergedAt: gitlabTime(
          mr.merged_at ?? mr.updated_at,
          'object_attributes.updated_at',
          now,
        )!,
        openedAt: gitlabTime(
          mr.created_at,
          'object_attributes.created_at',
          now,
        ),
        labels: Array.isArray(labels)
          ? labels.map((l: any) => String(l.title ?? l.name))
          : [],
        title: mr.title ? String(mr.title) : undefined,
        url: mr.url ? String(mr.url) : undefined,
      },
    ];
  }
  return [];
}

/** A PagerDuty v3 webhook: incidents triggered and resolved. */
export function fromPagerDuty(payload: unknown, now: number): IncomingEvent[] {
  const event = isObject(payload) ? payload.event : undefined;
  if (!isObject(event) || !isObject(event.data))
    throw new EventProblem('a PagerDuty v3 webhook has event.data');
  const type = String(event.event_type);
  if (type !== 'incident.triggered' && type !== 'incident.resolved') return [];
  const data = event.data;
  if (!isObject(data.service) || !data.service.id)
    throw new EventProblem('event.data.service.id is required');
  const startedAt = instant(
    data.created_at,
    'event.data.created_at',
    now,
    false,
  );
  return [
    {
      kind: 'incident',
      id: `pagerduty-${data.id}`,
      entity: {
        annotation: 'pagerduty.com/service-id',
        value: String(data.service.id),
      },
      environment: 'production',
      startedAt:
        startedAt ??
        (type === 'incident.triggered'
          ? instant(event.occurred_at, 'event.occurred_at', now)
          : undefined),
      resolvedAt:
        type === 'incident.resolved'
          ? instant(event.occurred_at, 'event.occurred_at', now)
          : undefined,
      title: data.title ? String(data.title) : undefined,
      url: data.html_url ? String(data.html_url) : undefined,
    },
  ];
}
