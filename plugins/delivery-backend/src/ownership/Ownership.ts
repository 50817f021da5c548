import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { OwnershipEntry, ownerAt } from '@teamflow/plugin-teamflow-common';
import { Access } from '../service/access';
import {
  DeliveryContext,
  EVENT_KINDS,
  Part,
  normaliseRef,
  teamOf,
} from '../service/shared';
import { Judging } from '../judging/Judging';
import { Reading } from '../reading/Reading';

/**
 * Ownership over time: each entity's owner timeline — owner changes seen in
 * the catalog, and earlier moves admins declare — from which events are
 * attributed to the team owning their entity at their own time.
 */
export class Ownership extends Part {
  constructor(
    ctx: DeliveryContext,
    private readonly judging: Judging,
    private readonly reading: Reading,
    private readonly access: Access,
  ) {
    super(ctx);
  }

  /**
   * Records the owners the catalog names now where they differ from each
   * entity's latest timeline entry (an owner change seen), and returns the
   * timelines.
   */
  async observe(current: Map<string, string | null>) {
    const timelines = await this.store.owners.ownershipTimelines([
      ...current.keys(),
    ]);
    const seen: OwnershipEntry[] = [];
    const now = this.now();
    for (const [entityRef, teamRef] of current) {
      const list = timelines.get(entityRef) ?? [];
      const latest = list.length ? list[list.length - 1] : undefined;
      if (latest && latest.teamRef === teamRef) continue;
      const entry: OwnershipEntry = {
        entityRef,
        teamRef,
        from: now,
        source: 'observed',
      };
      seen.push(entry);
      timelines.set(entityRef, [...list.filter(e => e.from !== now), entry]);
    }
    if (seen.length) await this.store.owners.recordOwnership(seen, now);
    return timelines;
  }

  /**
   * Reads every component's and resource's owner from the catalog and
   * records the changes (a scheduled task, so a reorganisation is seen even
   * while no events arrive). Returns how many owners changed.
   */
  async observeOwnership() {
    // A fresh read, which every Teamflow plugin then shares.
    const model = await this.ctx.org.current({ maxAgeMs: 0 });
    const current = new Map<string, string | null>();
    for (const [ref, owner] of model.ownership())
      if (EVENT_KINDS.includes(ref.slice(0, ref.indexOf(':'))))
        current.set(ref, owner?.startsWith('group:') ? owner : null);
    const before = this.now();
    const timelines = await this.observe(current);
    let changed = 0;
    for (const list of timelines.values())
      if (list.some(e => e.from === before && e.source === 'observed'))
        changed += 1;
    return changed;
  }

  /** An entity's ownership timeline, for whoever may read the entity. */
  async ownershipTimeline(
    credentials: BackstageCredentials,
    entityRef: string,
  ) {
    const { ref } = await this.reading.readable(
      credentials,
      entityRef,
      'entityRef',
    );
    return (await this.store.owners.ownershipTimelines([ref])).get(ref) ?? [];
  }

  /**
   * An admin declares that `teamRef` owned the entity from `from`
   * (YYYY-MM-DD or an ISO instant, UTC; omitted: since before any event)
   * until the next entry — moves from before Teamflow watched the catalog.
   * The entity's events are attributed again from the timeline and their
   * days rolled up again.
   */
  async declareOwnership(
    credentials: BackstageCredentials,
    declaration: { entityRef?: unknown; teamRef?: unknown; from?: unknown },
  ) {
    await this.access.admin(credentials);
    const str = (name: 'entityRef' | 'teamRef') => {
      const v = declaration[name];
      if (typeof v !== 'string' || !v)
        throw new InputError(`${name} is required (an entity reference)`);
      return v;
    };
    const { ref, entity } = await this.reading.readable(
      credentials,
      str('entityRef'),
      'entityRef',
    );
    if (!EVENT_KINDS.includes(entity.kind.toLocaleLowerCase('en-US')))
      throw new InputError(
        `entityRef: ${ref} is a ${entity.kind}; ownership is tracked for components and resources`,
      );
    const teamText = str('teamRef');
    const team = normaliseRef(
      teamText.includes(':') ? teamText : `group:${teamText}`,
    );
    if (!team || !team.startsWith('group:'))
      throw new InputError(`teamRef: ${teamText} is not a group reference`);
    const group = await this.catalog.getEntityByRef(team, { credentials });
    if (!group)
      throw new InputError(`teamRef: no group ${team} in the catalog`);
    let from = 0;
    if (declaration.from !== undefined && declaration.from !== null) {
      const text = String(declaration.from);
      let parsed = NaN;
      if (/^\d{4}-\d{2}-\d{2}$/.test(text))
        parsed = Date.parse(`${text}T00:00:00Z`);
      else if (/^\d{4}-\d{2}-\d{2}T/.test(text)) parsed = Date.parse(text);
      if (
        !Number.isFinite(parsed) ||
        (text.length === 10 &&
          new Date(parsed).toISOString().slice(0, 10) !== text)
      )
        throw new InputError(
          `from: ${text.slice(
            0,
            40,
          )} is not a date (YYYY-MM-DD) or an ISO instant`,
        );
      if (parsed > this.now())
        throw new InputError('from: a declared move cannot lie in the future');
      from = parsed;
    }
    // The owner the catalog names now goes on the timeline first, so the
    // declaration does not extend to today.
    await this.observe(new Map([[ref, teamOf(entity)]]));
    const principal = credentials.principal as {
      type?: string;
      userEntityRef?: string;
      subject?: string;
    };
    const who =
      principal.type === 'user'
        ? principal.userEntityRef
        : `service:${principal.subject ?? 'unknown'}`;
    await this.store.owners.recordOwnership(
      [
        {
          entityRef: ref,
          teamRef: team,
          from,
          source: 'declared',
          recordedBy: who,
        },
      ],
      this.now(),
    );
    const timeline =
      (await this.store.owners.ownershipTimelines([ref])).get(ref) ?? [];
    const reattributed = await this.store.owners.reattribute(
      ref,
      t => ownerAt(timeline, t) ?? null,
      this.now(),
    );
    if (reattributed) this.judging.kick();
    return { timeline, reattributed };
  }
}
