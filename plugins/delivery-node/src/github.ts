import { IncomingEvent } from './events';
import { instant } from './validation';

/*
 * GitHub's deployment, deployment status and pull request objects (the same
 * shapes in REST responses and webhook payloads:
 * https://docs.github.com/en/rest/deployments and
 * https://docs.github.com/en/rest/pulls) as delivery events. The webhook
 * handler and the backfill both use these, with the same ids, so whichever
 * sees an event first, the other only confirms or updates it.
 */

const REVERTS = /Reverts ([\w.-]+\/[\w.-]+)#(\d+)/;

/** A deployment with its latest status; none while it is not finished. @public */
export function githubDeployment(
  slug: string,
  deployment: Record<string, any>,
  status: Record<string, any>,
  now: number,
): IncomingEvent | undefined {
  const state = String(status.state);
  if (!['success', 'failure', 'error'].includes(state)) return undefined;
  return {
    kind: 'deployment',
    id: `github-deployment-${slug}-${deployment.id}`,
    entity: { annotation: 'github.com/project-slug', value: slug },
    environment: String(status.environment ?? deployment.environment),
    finishedAt: instant(
      status.updated_at ?? status.created_at,
      'deployment_status.updated_at',
      now,
    )!,
    status: state === 'success' ? 'success' : 'failure',
    rollback: /rollback/i.test(String(deployment.description ?? '')),
    version: deployment.sha ? String(deployment.sha) : undefined,
    url: status.target_url || undefined,
  };
}

/** A merged pull request as a change; none when it was closed unmerged. @public */
export function githubPullRequest(
  slug: string,
  pr: Record<string, any>,
  now: number,
  firstCommitAt?: string,
): IncomingEvent | undefined {
  if (!pr.merged_at) return undefined;
  const reverts = REVERTS.exec(String(pr.body ?? ''));
  return {
    kind: 'change',
    id: `github-pr-${slug}#${pr.number}`,
    entity: { annotation: 'github.com/project-slug', value: slug },
    mergedAt: instant(pr.merged_at, 'pull_request.merged_at', now)!,
    openedAt: instant(pr.created_at, 'pull_request.created_at', now, false),
    firstCommitAt: instant(firstCommitAt, 'first commit', now, false),
    labels: Array.isArray(pr.labels)
      ? pr.labels.map((l: any) => String(l.name))
      : [],
    revertOf: reverts ? `github-pr-${reverts[1]}#${reverts[2]}` : undefined,
    title: pr.title ? String(pr.title) : undefined,
    url: pr.html_url ? String(pr.html_url) : undefined,
  };
}
