import { OwnershipEntry } from '@teamflow/plugin-teamflow-common';
import { StoreBase, chunks } from './rows';
/** Each entity's ownership timeline, and re-attributing its events. */
export class OwnershipStore extends StoreBase {
  /** Each entity's ownership timeline (entries in time order). */
  async ownershipTimelines(entityRefs: string[]) {
    const out = new Map<string, OwnershipEntry[]>();
    for (const part of chunks([...new Set(entityRefs)]))
      for (const r of await this.db('delivery_ownership')
        .whereIn('entity_ref', part)
        .orderBy('from_at')) {
        const list = out.get(r.entity_ref) ?? [];
        list.push({
          entityRef: r.entity_ref,
          teamRef: r.team_ref ?? null,
          from: Number(r.from_at),
          source: r.source,
        });
        out.set(r.entity_ref, list);
      }
    return out;
  }

  /** Adds timeline entries (an entry at the same instant is replaced). */
  async recordOwnership(
    entries: Array<OwnershipEntry & { recordedBy?: string }>,
    at: number,
  ) {
    for (const part of chunks(entries, 200))
      await this.db('delivery_ownership')
        .insert(
          part.map(e => ({
            entity_ref: e.entityRef,
            from_at: e.from,
            team_ref: e.teamRef,
            source: e.source,
            recorded_by: e.recordedBy ?? null,
            recorded_at: at,
          })),
        )
        .onConflict(['entity_ref', 'from_at'])
        .merge(['team_ref', 'source', 'recorded_by', 'recorded_at']);
  }

  /**
   * Sets each stored event of the entity to the team `teamAt` gives for its
   * time; returns the events whose team changed (their positions, to judge
   * again) — written with their queue rows in one transaction.
   */
  async reattribute(
    entityRef: string,
    teamAt: (at: number) => string | null,
    queuedAt: number,
  ) {
    return this.db.transaction(async tx => {
      const moved: Array<{ entityRef: string; at: number }> = [];
      for (const [table, column] of [
        ['delivery_deployments', 'finished_at'],
        ['delivery_changes', 'merged_at'],
        ['delivery_incidents', 'started_at'],
      ] as const) {
        const rows = await tx(table)
          .where('entity_ref', entityRef)
          .select('id', 'team_ref', column);
        const byTeam = new Map<string | null, string[]>();
        for (const r of rows) {
          const team = teamAt(Number(r[column]));
          if ((r.team_ref ?? null) === team) continue;
          moved.push({ entityRef, at: Number(r[column]) });
          const list = byTeam.get(team) ?? [];
          list.push(r.id);
          byTeam.set(team, list);
        }
        for (const [team, ids] of byTeam)
          for (const part of chunks(ids))
            await tx(table).whereIn('id', part).update({ team_ref: team });
      }
      // One pair per entity-day is enough to roll the day up again.
      const days = new Map(
        moved.map(m => [Math.floor(m.at / 86_400_000), m] as const),
      );
      for (const part of chunks([...days.values()], this.insertRows))
        await tx('delivery_judge_queue').insert(
          part.map(t => ({
            entity_ref: t.entityRef,
            at: t.at,
            queued_at: queuedAt,
          })),
        );
      return moved.length;
    });
  }
}
