/** What a batch stored, for the store to remember once it commits. */
export type Learned = { firstDays: Array<[string, string]>; weeks: string[] };

/**
 * What this process knows is stored, to leave out of a batch's statements
 * the uses that would change nothing (most of live traffic: the same users
 * back on the same features). Per feature × user (`feature\0user`): a day
 * on or after its stored first use. A first use only ever moves earlier and
 * is never deleted, so the day stays an upper bound whatever other
 * replicas do, and a use on or after it is not a first use. Per feature ×
 * week × user: that the user-week is stored; a stored week is never
 * changed by a later use. Learned only from committed transactions;
 * bounded (forgotten all at once when full, which only costs statements).
 */
export class StoredUses {
  private readonly firstDays = new Map<string, string>();
  private readonly storedWeeks = new Set<string>();
  private static readonly REMEMBERED = 200_000;

  /** A day on or after the pair's stored first use, if known. */
  firstDayOf(pair: string) {
    return this.firstDays.get(pair);
  }

  /** Whether this feature × week × user is known to be stored. */
  hasWeek(week: string) {
    return this.storedWeeks.has(week);
  }

  /** What a committed transaction stored. */
  remember(learned: Learned) {
    if (this.firstDays.size + learned.firstDays.length > StoredUses.REMEMBERED)
      this.firstDays.clear();
    for (const [pair, day] of learned.firstDays) {
      const known = this.firstDays.get(pair);
      if (known === undefined || day < known) this.firstDays.set(pair, day);
    }
    if (this.storedWeeks.size + learned.weeks.length > StoredUses.REMEMBERED)
      this.storedWeeks.clear();
    for (const week of learned.weeks) this.storedWeeks.add(week);
  }

  /** The purge deleted user-weeks: forget them all. */
  forgetWeeks() {
    this.storedWeeks.clear();
  }
}
