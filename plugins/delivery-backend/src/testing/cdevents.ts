/** A CDEvent (spec v0.4) in a CloudEvents 1.0 structured-mode envelope. */
export function cdevent(
  type: string,
  id: string,
  timestamp: string,
  subject: object,
  customData?: object,
) {
  const full = `dev.cdevents.${type}`;
  return {
    specversion: '1.0',
    id,
    source: '/ci/pipelines/checkout',
    type: full,
    time: timestamp,
    datacontenttype: 'application/json',
    data: {
      context: {
        version: '0.4.1',
        id,
        source: '/ci/pipelines/checkout',
        type: full,
        timestamp,
      },
      subject,
      ...(customData ? { customData } : {}),
    },
  };
}

/**
 * A delivery event as a pipeline would send it: the CDEvent (CloudEvents
 * envelope) that `fromCloudEvent` reads back into the same event.
 */
export function toCloudEvent(
  event: import('@teamflow/plugin-delivery-node').IncomingEvent,
  version = 0,
) {
  const ref = 'entityRef' in event.entity ? event.entity.entityRef : undefined;
  const iso = (ms?: number) =>
    ms === undefined ? undefined : new Date(ms).toISOString();
  const id = `${event.kind}-${event.id}-${version}`;
  if (event.kind === 'deployment')
    return cdevent(
      event.rollback ? 'service.rolledback.0.2.0' : 'service.deployed.0.2.0',
      id,
      iso(event.finishedAt)!,
      {
        id: ref?.split('/').pop(),
        content: { environment: { id: event.environment } },
      },
      {
        entityRef: ref,
        deploymentId: event.id,
        status: event.status,
        changeIds: event.changeIds,
      },
    );
  if (event.kind === 'change')
    return cdevent(
      'change.merged.0.2.0',
      id,
      iso(event.mergedAt)!,
      { id: event.id },
      {
        entityRef: ref,
        firstCommitAt: iso(event.firstCommitAt),
        openedAt: iso(event.openedAt),
        labels: event.labels,
        revertOf: event.revertOf,
      },
    );
  const subject = {
    id: event.id,
    content: { environment: { id: event.environment } },
  };
  return event.resolvedAt !== undefined
    ? cdevent('incident.resolved.0.2.0', id, iso(event.resolvedAt)!, subject, {
        entityRef: ref,
        startedAt: iso(event.startedAt),
        deploymentId: event.deploymentId,
      })
    : cdevent('incident.detected.0.2.0', id, iso(event.startedAt)!, subject, {
        entityRef: ref,
        deploymentId: event.deploymentId,
      });
}
