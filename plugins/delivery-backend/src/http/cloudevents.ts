import { CloudEvent } from 'cloudevents';
import {
  EventProblem,
  IncomingEvent,
  instant,
} from '@teamflow/plugin-delivery-node';

export { EventProblem };

/**
 * CDEvents (https://cdevents.dev, spec v0.4) carried in CloudEvents
 * structured JSON: the CloudEvent's `data` is the CDEvent (`context`,
 * `subject`, optional `customData`). Supported types, any version:
 *
 * - `dev.cdevents.service.deployed|upgraded|rolledback.*` — a deployment of
 *   `subject.id` to `subject.content.environment.id`, finished at
 *   `context.timestamp`; `customData.deploymentId` (stable id across status
 *   updates, default `context.id`), `customData.status` (`success` default
 *   or `failure`), `customData.changeIds`, `subject.content.artifactId`.
 * - `dev.cdevents.change.merged.*` — change `subject.id`, merged at
 *   `context.timestamp`, of `subject.content.repository.id`;
 *   `customData.firstCommitAt`, `openedAt`, `labels`, `revertOf`, `title`,
 *   `url`.
 * - `dev.cdevents.incident.detected|reported|resolved.*` — incident
 *   `subject.id` of `subject.content.service.id`, in
 *   `subject.content.environment.id` (default production), started or
 *   resolved at `context.timestamp`; `customData.deploymentId` links it
 *   explicitly to the deployment that caused it.
 *
 * The entity: `customData.entityRef` when given; else the service id (or,
 * for changes, the repository: matched to `github.com/project-slug` or
 * `gitlab.com/project-slug`) read as an entity reference (kind component,
 * namespace default unless written).
 */

const TYPE =
  /^dev\.cdevents\.(service\.deployed|service\.upgraded|service\.rolledback|change\.merged|incident\.detected|incident\.reported|incident\.resolved)\.\d+\.\d+\.\d+(-[\w.]+)?$/;

const isObject = (x: unknown): x is Record<string, any> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);

function str(obj: Record<string, any>, key: string, path: string) {
  const v = obj[key];
  if (typeof v !== 'string' || !v.trim())
    throw new EventProblem(`${path}.${key} is required (a non-empty string)`);
  if (v.length > 255)
    throw new EventProblem(`${path}.${key} is longer than 255 characters`);
  return v.trim();
}

function optStr(
  obj: Record<string, any> | undefined,
  key: string,
  path: string,
) {
  const v = obj?.[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string')
    throw new EventProblem(`${path}.${key} must be a string`);
  return v;
}

function stringList(value: unknown, path: string) {
  if (value === undefined || value === null) return undefined;
  if (
    !Array.isArray(value) ||
    value.some(v => typeof v !== 'string' || !v || v.length > 255) ||
    value.length > 1000
  )
    throw new EventProblem(
      `${path} must be a list of at most 1000 non-empty strings`,
    );
  return value as string[];
}

/**
 * Reads one CloudEvent (already a parsed JSON object) into a delivery event,
 * or throws an {@link EventProblem} naming the field.
 *
 * @public
 */
export function fromCloudEvent(raw: unknown, now: number): IncomingEvent {
  if (!isObject(raw))
    throw new EventProblem('the event must be a JSON object (a CloudEvent)');
  let ce: CloudEvent<unknown>;
  try {
    // Validates the envelope (specversion, id, source, type, time).
    ce = new CloudEvent(raw as any, true);
  } catch (e: any) {
    const detail = Array.isArray(e?.errors)
      ? e.errors
          .map((x: any) => `${x.instancePath || x.dataPath || ''} ${x.message}`)
          .join('; ')
      : e?.message;
    throw new EventProblem(`not a valid CloudEvent: ${detail}`);
  }
  const type = ce.type;
  const match = TYPE.exec(type);
  if (!match)
    throw new EventProblem(
      `type ${type} is not a supported CDEvent (service.deployed|upgraded|rolledback, change.merged, incident.detected|reported|resolved)`,
    );
  let data = ce.data as unknown;
  if (typeof data === 'string') {
    try {
      data = JSON.parse(data);
    } catch {
      throw new EventProblem('data must be the CDEvent as JSON');
    }
  }
  if (!isObject(data) || !isObject(data.context) || !isObject(data.subject))
    throw new EventProblem(
      'data must be a CDEvent with a context and a subject',
    );
  const context = data.context;
  const subject = data.subject;
  const content = isObject(subject.content) ? subject.content : {};
  const custom = isObject(data.customData) ? data.customData : undefined;
  if (context.type !== undefined && context.type !== type)
    throw new EventProblem(
      `data.context.type (${context.type}) differs from the CloudEvent type (${type})`,
    );
  const at = instant(
    context.timestamp ?? ce.time,
    'data.context.timestamp',
    now,
  )!;
  const entityRefOverride = optStr(custom, 'entityRef', 'data.customData');
  const kind = match[1];

  if (kind.startsWith('service.')) {
    const service = str(subject, 'id', 'data.subject');
    const environment = isObject(content.environment)
      ? str(content.environment, 'id', 'data.subject.content.environment')
      : undefined;
    if (!environment)
      throw new EventProblem(
        'data.subject.content.environment.id is required for a deployment',
      );
    const status = custom?.status ?? 'success';
    if (status !== 'success' && status !== 'failure')
      throw new EventProblem(
        `data.customData.status must be success or failure, not ${status}`,
      );
    return {
      kind: 'deployment',
      id:
        optStr(custom, 'deploymentId', 'data.customData') ??
        String(context.id ?? ce.id),
      entity: { entityRef: entityRefOverride ?? service },
      environment,
      finishedAt: at,
      status,
      rollback: kind === 'service.rolledback',
      changeIds: stringList(custom?.changeIds, 'data.customData.changeIds'),
      version: optStr(content, 'artifactId', 'data.subject.content'),
      url: optStr(custom, 'url', 'data.customData'),
    };
  }
  if (kind === 'change.merged') {
    const id = str(subject, 'id', 'data.subject');
    const repository = isObject(content.repository)
      ? optStr(content.repository, 'id', 'data.subject.content.repository')
      : undefined;
    if (!entityRefOverride && !repository)
      throw new EventProblem(
        'data.customData.entityRef or data.subject.content.repository.id is required for a change',
      );
    const firstCommitAt = instant(
      custom?.firstCommitAt,
      'data.customData.firstCommitAt',
      now,
      false,
    );
    const openedAt = instant(
      custom?.openedAt,
      'data.customData.openedAt',
      now,
      false,
    );
    if ((firstCommitAt ?? -Infinity) > at || (openedAt ?? -Infinity) > at)
      throw new EventProblem(
        'data.customData.firstCommitAt and openedAt must not be after the merge',
      );
    return {
      kind: 'change',
      id,
      entity: entityRefOverride
        ? { entityRef: entityRefOverride }
        : { annotation: 'project-slug', value: repository! },
      mergedAt: at,
      firstCommitAt,
      openedAt,
      labels: stringList(custom?.labels, 'data.customData.labels') ?? [],
      revertOf: optStr(custom, 'revertOf', 'data.customData'),
      title: optStr(custom, 'title', 'data.customData'),
      url: optStr(custom, 'url', 'data.customData'),
    };
  }
  const id = str(subject, 'id', 'data.subject');
  const service = isObject(content.service)
    ? optStr(content.service, 'id', 'data.subject.content.service')
    : undefined;
  if (!entityRefOverride && !service)
    throw new EventProblem(
      'data.customData.entityRef or data.subject.content.service.id is required for an incident',
    );
  const environment =
    (isObject(content.environment)
      ? optStr(content.environment, 'id', 'data.subject.content.environment')
      : undefined) ?? 'production';
  const resolved = kind === 'incident.resolved';
  return {
    kind: 'incident',
    id,
    entity: { entityRef: entityRefOverride ?? service! },
    environment,
    startedAt: resolved
      ? instant(custom?.startedAt, 'data.customData.startedAt', now, false)
      : at,
    resolvedAt: resolved ? at : undefined,
    deploymentId: optStr(custom, 'deploymentId', 'data.customData'),
    title: optStr(content, 'description', 'data.subject.content'),
    url: optStr(custom, 'url', 'data.customData'),
  };
}
