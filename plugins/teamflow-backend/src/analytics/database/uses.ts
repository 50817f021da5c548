import { Knex } from 'knex';
import { addWeeks } from '@teamflow/plugin-teamflow-common';
import { insertFromRows, withRows } from '@teamflow/plugin-teamflow-node';
import type { StatementName } from './counting';
import { FEATURE_USERS, USER_WEEKS } from './rows';

/*
 * A batch's first uses and user-weeks (see countBatch): what they add to
 * the daily counters, and what they move when a use arrives late.
 */

/** First use of a feature per user: a new user, or an earlier first day. */
export async function countFirstUses(
  tx: Knex.Transaction,
  firstUse: Map<string, { day: string; persona: string }>,
  bump: (f: string, p: string, d: string, c: 'new_users', by: number) => void,
  as: StatementName,
) {
  const key = (r: { feature: string; user_hash: string }) =>
    `${r.feature}\u0000${r.user_hash}`;
  const wanted = [...firstUse].map(([k, v]) => {
    const [feature, user_hash] = k.split('\u0000');
    return { feature, user_hash, first_day: v.day, persona: v.persona };
  });
  const byKey = new Map(wanted.map(r => [key(r), r]));
  // Stored first uses that a use in this batch precedes (a late arrival):
  // the first use moves, and the counts move from the stored first use
  // (`stored`: its values before the change) to the new one.
  type FirstUse = {
    feature: string;
    user_hash: string;
    first_day: string;
    persona: string;
  };
  let isNew: Set<string>;
  let stored: FirstUse[];
  if (tx.client.config.client === 'pg') {
    // One statement (the batch holds its pairs' locks, see countBatch): new
    // pairs inserted, late first uses found and moved.
    const rows = await withRows<FirstUse & { added: boolean }>(
      tx,
      wanted,
      FEATURE_USERS,
      `, added as (${insertFromRows(FEATURE_USERS)}
         on conflict (feature, user_hash) do nothing
         returning feature, user_hash),
       late as (select o.feature, o.user_hash, o.first_day, o.persona,
           v.first_day as new_day, v.persona as new_persona
         from v cross join lateral (select * from analytics_feature_users o
           where o.feature = v.feature and o.user_hash = v.user_hash limit 1) o
         where v.first_day < o.first_day),
       moved as (update analytics_feature_users t
         set first_day = late.new_day, persona = late.new_persona
         from late
         where t.feature = late.feature and t.user_hash = late.user_hash)
       select true as added, feature, user_hash,
         null as first_day, null as persona from added
       union all
       select false, feature, user_hash, first_day, persona from late`,
      [],
      as('first-uses'),
    );
    isNew = new Set(rows.filter(r => r.added).map(key));
    stored = rows.filter(r => !r.added);
  } else {
    const inserted = await withRows<FirstUse>(
      tx,
      wanted,
      FEATURE_USERS,
      `${insertFromRows(FEATURE_USERS)}
       on conflict (feature, user_hash) do nothing returning feature, user_hash`,
    );
    isNew = new Set(inserted.map(key));
    stored = await withRows(
      tx,
      wanted.filter(r => !isNew.has(key(r))),
      FEATURE_USERS,
      `select t.feature, t.user_hash, t.first_day, t.persona
       from analytics_feature_users t join v
         on t.feature = v.feature and t.user_hash = v.user_hash
       where v.first_day < t.first_day`,
    );
    await withRows(
      tx,
      stored.map(x => byKey.get(key(x))!),
      FEATURE_USERS,
      `update analytics_feature_users set first_day = v.first_day, persona = v.persona
       from v where analytics_feature_users.feature = v.feature
         and analytics_feature_users.user_hash = v.user_hash`,
    );
  }
  for (const r of wanted)
    if (isNew.has(key(r)))
      bump(r.feature, r.persona, r.first_day, 'new_users', 1);
  for (const x of stored) {
    const r = byKey.get(key(x))!;
    bump(x.feature, x.persona, x.first_day, 'new_users', -1);
    bump(r.feature, r.persona, r.first_day, 'new_users', 1);
  }
}

/** Weekly active users, and who of them came back from the week before. */
export async function countUserWeeks(
  tx: Knex.Transaction,
  weekUse: Map<string, { day: string; persona: string }>,
  bump: (
    f: string,
    p: string,
    d: string,
    c: 'week_users' | 'returning_users',
    by: number,
  ) => void,
  as: StatementName,
) {
  const key = (r: { feature: string; week: string; user_hash: string }) =>
    `${r.feature}\u0000${r.week}\u0000${r.user_hash}`;
  const wanted = [...weekUse].map(([k, v]) => {
    const [feature, week, user_hash] = k.split('\u0000');
    return { feature, week, user_hash, first_day: v.day, persona: v.persona };
  });
  type Week = {
    feature: string;
    week: string;
    user_hash: string;
    first_day: string;
    persona: string;
  };
  let addedKeys: Set<string>;
  // Weeks of the same users next to the ones added (`near`), from the
  // database; `isBefore` also counts the weeks this batch added.
  let near: Map<string, Week>;
  if (tx.client.config.client === 'pg') {
    // One statement adds the weeks and reads the neighbours of those it
    // added, as they were before it (the batch holds its pairs' locks, see
    // countBatch: no other batch has uncommitted weeks of them).
    const rows = await withRows<Week & { added: boolean }>(
      tx,
      wanted,
      USER_WEEKS,
      `, added as (${insertFromRows(USER_WEEKS)}
         on conflict (feature, week, user_hash) do nothing
         returning feature, week, user_hash)
       select true as added, feature, week, user_hash,
         null as first_day, null as persona from added
       union all
       select false, t.feature, t.week, t.user_hash, t.first_day, t.persona
       from added a cross join lateral (values
           (to_char(a.week::date - 7, 'YYYY-MM-DD')),
           (to_char(a.week::date + 7, 'YYYY-MM-DD'))) w(week)
         cross join lateral (select * from analytics_user_weeks t
           where t.feature = a.feature and t.week = w.week
             and t.user_hash = a.user_hash limit 1) t`,
      [],
      as('weeks'),
    );
    addedKeys = new Set(rows.filter(r => r.added).map(key));
    near = new Map(rows.filter(r => !r.added).map(r => [key(r), r]));
  } else {
    // SQLite writes one transaction at a time.
    const inserted = await withRows<Week>(
      tx,
      wanted,
      USER_WEEKS,
      `${insertFromRows(USER_WEEKS)}
       on conflict (feature, week, user_hash) do nothing
       returning feature, week, user_hash`,
    );
    addedKeys = new Set(inserted.map(key));
    const neighbours = await withRows<Week>(
      tx,
      wanted
        .filter(r => addedKeys.has(key(r)))
        .flatMap(r => [
          { ...r, week: addWeeks(r.week, -1) },
          { ...r, week: addWeeks(r.week, 1) },
        ]),
      {
        table: 'analytics_user_weeks',
        columns: ['feature', 'week', 'user_hash'],
      },
      `select t.feature, t.week, t.user_hash, t.first_day, t.persona
       from analytics_user_weeks t join v on t.feature = v.feature
         and t.week = v.week and t.user_hash = v.user_hash`,
    );
    near = new Map(
      neighbours.filter(n => !addedKeys.has(key(n))).map(n => [key(n), n]),
    );
  }
  const added = wanted.filter(r => addedKeys.has(key(r)));
  const isBefore = (r: Week) => {
    const before = key({ ...r, week: addWeeks(r.week, -1) });
    return near.has(before) || addedKeys.has(before);
  };
  for (const r of added) {
    bump(r.feature, r.persona, r.first_day, 'week_users', 1);
    // Back after the week before: a returning user this week.
    if (isBefore(r))
      bump(r.feature, r.persona, r.first_day, 'returning_users', 1);
    // A late week before a week already stored: that week's user is now
    // returning (a week after it added by this same batch is counted by
    // the line above when its turn comes).
    const next = near.get(key({ ...r, week: addWeeks(r.week, 1) }));
    if (next)
      bump(next.feature, next.persona, next.first_day, 'returning_users', 1);
  }
}
