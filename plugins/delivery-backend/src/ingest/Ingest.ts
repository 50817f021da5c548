import { IngestResult } from '@teamflow/plugin-delivery-common';
import { IncomingEvent, SourcedEvent } from '@teamflow/plugin-delivery-node';
import { ownerAt } from '@teamflow/plugin-teamflow-common';
import {
  ChangeRow,
  DeploymentRow,
  IncidentRow,
} from '../database/DeliveryStore';
import { EventProblem } from '../http/cloudevents';
import { Judging } from '../judging/Judging';
import { Ownership } from '../ownership/Ownership';
import { DeliveryContext, Part } from '../service/shared';
import { fromGithub, fromGitlab, fromPagerDuty } from './webhooks';
import { firstAndLastPerDay } from './pairs';
import { resolveEntities } from './resolve';

/**
 * Filing events: each attributed to its catalog entity and to the team
 * owning it at the event's time, compared with what is stored (new,
 * duplicate or update), written with the (entity, instant) pairs to judge
 * in one transaction, then judged in the background.
 */
export class Ingest extends Part {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    ctx: DeliveryContext,
    private readonly ownership: Ownership,
    private readonly judging: Judging,
  ) {
    super(ctx);
  }

  /**
   * Files events (each a source's, in order): unknown entities and invalid
   * events are rejected by index, the rest stored — an id seen before with
   * the same content is a duplicate, with different content (a later status
   * of the same deployment, an incident resolved) an update — then judged.
   */
  async ingest(
    events: Array<
      SourcedEvent | { index: number; problem: string; id?: string }
    >,
  ): Promise<IngestResult> {
    const result: IngestResult = {
      accepted: 0,
      duplicates: 0,
      updated: 0,
      rejected: [],
    };
    const good: Array<{ index: number } & SourcedEvent> = [];
    events.forEach((e, index) => {
      if ('problem' in e)
        result.rejected.push({ index: e.index, id: e.id, message: e.problem });
      else good.push({ index, ...e });
    });
    const lookup = await resolveEntities(
      this.ctx,
      good.map(g => g.event.entity),
    );
    const now = this.now();
    const deployments = new Map<string, DeploymentRow>();
    const changes = new Map<string, ChangeRow>();
    const incidents = new Map<
      string,
      {
        index: number;
        event: IncomingEvent & { kind: 'incident' };
        row: IncidentRow;
      }
    >();
    const indexOf = new Map<string, number>();
    for (const { index, source, event } of good) {
      const found = lookup(event.entity);
      if ('problem' in found) {
        result.rejected.push({ index, id: event.id, message: found.problem! });
        continue;
      }
      const common = {
        id: event.id,
        entityRef: found.entityRef,
        teamRef: found.team,
        source,
        receivedAt: now,
      };
      indexOf.set(`${event.kind}:${event.id}`, index);
      if (event.kind === 'deployment')
        deployments.set(event.id, {
          ...common,
          environment: event.environment,
          finishedAt: event.finishedAt,
          status: event.status,
          rollback: event.rollback,
          changeIds: event.changeIds,
          version: event.version,
          url: event.url,
        });
      else if (event.kind === 'change')
        changes.set(event.id, {
          ...common,
          mergedAt: event.mergedAt,
          firstCommitAt: event.firstCommitAt,
          openedAt: event.openedAt,
          labels: event.labels,
          revertOf: event.revertOf,
          title: event.title,
          url: event.url,
        });
      else {
        const previous = incidents.get(event.id);
        const startedAt =
          event.startedAt ?? previous?.row.startedAt ?? event.resolvedAt!;
        incidents.set(event.id, {
          index,
          event,
          row: {
            ...common,
            environment: event.environment,
            startedAt,
            resolvedAt: event.resolvedAt ?? previous?.row.resolvedAt,
            deploymentId: event.deploymentId ?? previous?.row.deploymentId,
            title: event.title ?? previous?.row.title,
            url: event.url ?? previous?.row.url,
          },
        });
      }
    }

    return (this.queue = this.queue
      .catch(() => undefined)
      .then(async () => {
        // Each event goes to the team owning its entity at the event's own
        // time: the ownership timeline, with the owner the catalog names now
        // recorded when it changed.
        const current = new Map<string, string | null>();
        for (const r of [
          ...deployments.values(),
          ...changes.values(),
          ...[...incidents.values()].map(x => x.row),
        ])
          current.set(r.entityRef, r.teamRef);
        const timelines = await this.ownership.observe(current);
        const teamAt = (entityRef: string, time: number) => {
          const owner = ownerAt(timelines.get(entityRef) ?? [], time);
          return owner === undefined ? current.get(entityRef) ?? null : owner;
        };
        for (const d of deployments.values())
          d.teamRef = teamAt(d.entityRef, d.finishedAt);
        for (const c of changes.values())
          c.teamRef = teamAt(c.entityRef, c.mergedAt);
        // Compare with what is stored: duplicates are not written again.
        const [oldD, oldC, oldI] = await Promise.all([
          this.store.existingDeployments([...deployments.keys()]),
          this.store.existingChanges([...changes.keys()]),
          this.store.existingIncidents([...incidents.keys()]),
        ]);
        // An empty list is stored as no list: both read the same.
        const value = (x: unknown) =>
          JSON.stringify(Array.isArray(x) && x.length === 0 ? null : x ?? null);
        const same = (a: object, b: object, keys: string[]) =>
          keys.every(k => value((a as any)[k]) === value((b as any)[k]));
        const write = {
          deployments: [] as DeploymentRow[],
          changes: [] as ChangeRow[],
          incidents: [] as IncidentRow[],
        };
        const count = (existed: boolean, unchanged: boolean) => {
          if (!existed) result.accepted += 1;
          else if (unchanged) result.duplicates += 1;
          else result.updated += 1;
        };
        const dKeys = [
          'entityRef',
          'environment',
          'finishedAt',
          'status',
          'rollback',
          'changeIds',
          'version',
          'url',
        ];
        for (const d of deployments.values()) {
          const old = oldD.get(d.id);
          const unchanged = !!old && same(old, d, dKeys);
          count(!!old, unchanged);
          if (!unchanged) write.deployments.push(d);
        }
        const cKeys = [
          'entityRef',
          'mergedAt',
          'firstCommitAt',
          'openedAt',
          'labels',
          'revertOf',
          'title',
          'url',
        ];
        for (const c of changes.values()) {
          const old = oldC.get(c.id);
          const unchanged = !!old && same(old, c, cKeys);
          count(!!old, unchanged);
          if (!unchanged) write.changes.push(c);
        }
        const iKeys = [
          'entityRef',
          'environment',
          'startedAt',
          'resolvedAt',
          'deploymentId',
          'title',
          'url',
        ];
        for (const { event, row } of incidents.values()) {
          const old = oldI.get(row.id);
          const merged: IncidentRow = old
            ? {
                ...row,
                startedAt: event.startedAt ?? old.startedAt,
                resolvedAt: row.resolvedAt ?? old.resolvedAt,
                deploymentId: row.deploymentId ?? old.deploymentId,
                title: row.title ?? old.title,
                url: row.url ?? old.url,
              }
            : row;
          merged.teamRef = teamAt(merged.entityRef, merged.startedAt);
          const unchanged = !!old && same(old, merged, iKeys);
          count(!!old, unchanged);
          if (!unchanged) write.incidents.push(merged);
        }
        if (
          !write.deployments.length &&
          !write.changes.length &&
          !write.incidents.length
        )
          return result;
        // The pairs to judge again (old positions too: an event may move),
        // queued in the same transaction as the events.
        const touched: Array<{ entityRef: string; at: number }> = [];
        for (const d of write.deployments) {
          touched.push({ entityRef: d.entityRef, at: d.finishedAt });
          const old = oldD.get(d.id);
          if (old)
            touched.push({ entityRef: old.entityRef, at: old.finishedAt });
        }
        for (const c of write.changes) {
          touched.push({ entityRef: c.entityRef, at: c.mergedAt });
          const old = oldC.get(c.id);
          if (old) touched.push({ entityRef: old.entityRef, at: old.mergedAt });
        }
        for (const i of write.incidents) {
          touched.push({ entityRef: i.entityRef, at: i.startedAt });
          if (i.resolvedAt)
            touched.push({ entityRef: i.entityRef, at: i.resolvedAt });
        }
        // Explicit links reach further than time does: a revert fails the
        // deployment that shipped the change it reverts, an incident pinned
        // on a deployment fails it (whichever arrives first), a deployment
        // listing older changes takes them from the one that shipped them.
        // Judging covers both ends.
        const wantedChanges = new Set<string>();
        for (const c of write.changes)
          if (c.revertOf && !changes.has(c.revertOf))
            wantedChanges.add(c.revertOf);
        // A list that drops changes gives them back to time: judged again
        // where they are.
        const dropped = new Set<string>();
        for (const d of write.deployments) {
          for (const id of d.changeIds ?? [])
            if (!changes.has(id)) wantedChanges.add(id);
          const kept = new Set(d.changeIds ?? []);
          for (const id of oldD.get(d.id)?.changeIds ?? [])
            if (!kept.has(id)) {
              dropped.add(id);
              if (!changes.has(id)) wantedChanges.add(id);
            }
        }
        const wantedDeployments = write.incidents
          .map(i => i.deploymentId)
          .filter((id): id is string => !!id && !deployments.has(id));
        const [farChanges, farDeployments, pinned, listing] = await Promise.all(
          [
            this.store.existingChanges([...wantedChanges]),
            this.store.existingDeployments(wantedDeployments),
            this.store.incidentsPinnedOn(write.deployments.map(d => d.id)),
            // A change filed after the deployment that lists it.
            this.store.listingDeployments(write.changes.map(c => c.id)),
          ],
        );
        for (const l of listing)
          touched.push({ entityRef: l.entityRef, at: l.finishedAt });
        for (const id of dropped) {
          const c = changes.get(id) ?? farChanges.get(id);
          if (c) touched.push({ entityRef: c.entityRef, at: c.mergedAt });
        }
        for (const i of pinned)
          touched.push({ entityRef: i.entityRef, at: i.startedAt });
        for (const c of write.changes) {
          const target = c.revertOf
            ? changes.get(c.revertOf) ?? farChanges.get(c.revertOf)
            : undefined;
          if (target)
            touched.push({ entityRef: target.entityRef, at: target.mergedAt });
        }
        for (const d of write.deployments)
          for (const id of d.changeIds ?? []) {
            const listed = changes.get(id) ?? farChanges.get(id);
            if (listed)
              touched.push({
                entityRef: listed.entityRef,
                at: listed.mergedAt,
              });
          }
        for (const i of write.incidents) {
          const target = i.deploymentId
            ? deployments.get(i.deploymentId) ??
              farDeployments.get(i.deploymentId)
            : undefined;
          if (target)
            touched.push({
              entityRef: target.entityRef,
              at: target.finishedAt,
            });
        }
        await this.store.writeEvents({
          ...write,
          touched: firstAndLastPerDay(touched),
          queuedAt: this.now(),
        });
        this.judging.kick();
        return result;
      })) as Promise<IngestResult>;
  }

  /**
   * A provider webhook from the events system: mapped to delivery events
   * (see webhooks.ts) and filed like any batch; problems are logged, since
   * the provider got its 202 from the ingress already.
   */
  async ingestWebhook(
    topic: string,
    payload: unknown,
    metadata: Record<string, string | string[] | undefined>,
  ) {
    const now = this.now();
    let events: IncomingEvent[] = [];
    try {
      if (topic === 'github') {
        const name = metadata['x-github-event'];
        events = fromGithub(
          String(Array.isArray(name) ? name[0] : name),
          payload,
          now,
        );
      } else if (topic === 'gitlab') events = fromGitlab(payload, now);
      else if (topic === 'pagerduty') events = fromPagerDuty(payload, now);
    } catch (e) {
      if (!(e instanceof EventProblem)) throw e;
      this.logger.warn(`Ignored a ${topic} webhook: ${e.message}`);
      return undefined;
    }
    if (!events.length) return undefined;
    const result = await this.ingest(
      events.map(event => ({ source: `${topic}-webhook`, event })),
    );
    for (const r of result.rejected)
      this.logger.info(`A ${topic} webhook event was not filed: ${r.message}`);
    return result;
  }
}
