import { randomUUID } from 'node:crypto';
import { LoggerService } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  DebtCategory,
  DebtEffort,
  DebtStatus,
  debtScore,
} from '@teamflow/plugin-tech-debt-common';
import { DebtStore, StoredDebtItem } from '../database/DebtStore';
import { snapshotRows } from './snapshots';

type Seed = [
  entity: string,
  title: string,
  category: DebtCategory,
  impact: number,
  effort: DebtEffort,
  interest: number,
  status: DebtStatus,
  createdDaysAgo: number,
  resolvedDaysAgo?: number,
];

// Order Flow is the team drowning in debt; the others carry a believable amount.
const ITEMS: Seed[] = [
  [
    'legacy-order-batcher',
    'Nightly batcher still writes orders through the legacy schema',
    'architecture',
    5,
    'XL',
    24,
    'in-progress',
    170,
  ],
  [
    'order-service',
    'Order state machine spread across three services',
    'architecture',
    5,
    'L',
    16,
    'open',
    160,
  ],
  [
    'order-service',
    'No contract tests against the payments API',
    'test',
    4,
    'M',
    6,
    'open',
    140,
  ],
  [
    'order-scheduler',
    'Cron jobs hard-coded per region',
    'code',
    3,
    'M',
    8,
    'open',
    120,
  ],
  [
    'notification-service',
    'Email templates duplicated per market',
    'code',
    2,
    'S',
    4,
    'open',
    100,
  ],
  [
    'order-amendments-service',
    'Amendment rules untested for substitutions',
    'test',
    4,
    'S',
    6,
    'open',
    90,
  ],
  [
    'order-tracking-service',
    'Polls every 5 seconds instead of consuming events',
    'architecture',
    3,
    'M',
    10,
    'planned',
    80,
  ],
  [
    'order-service',
    'No runbook for stuck orders',
    'documentation',
    3,
    'XS',
    6,
    'open',
    60,
  ],
  [
    'order-scheduler',
    'Runs on Java 11, past end of support',
    'dependency',
    4,
    'M',
    4,
    'open',
    45,
  ],
  [
    'legacy-order-batcher',
    'Failed runs are re-run by hand',
    'infrastructure',
    4,
    'S',
    12,
    'open',
    30,
  ],
  [
    'notification-service',
    'SMS provider SDK pinned to a 2019 release',
    'dependency',
    3,
    'S',
    2,
    'resolved',
    150,
    40,
  ],
  [
    'legacy-payments-adapter',
    'Retire the legacy payments adapter',
    'architecture',
    4,
    'L',
    10,
    'in-progress',
    130,
  ],
  [
    'checkout-service',
    'Flaky end-to-end checkout tests',
    'test',
    3,
    'S',
    8,
    'open',
    70,
  ],
  [
    'payments-gateway',
    'Card tokenisation library deprecated upstream',
    'dependency',
    4,
    'M',
    2,
    'resolved',
    120,
    20,
  ],
  [
    'product-catalog-service',
    'Search indexing coupled to catalogue writes',
    'architecture',
    3,
    'L',
    6,
    'open',
    110,
  ],
  [
    'storefront-web',
    'JavaScript bundle over its size budget',
    'code',
    2,
    'S',
    3,
    'resolved',
    90,
    35,
  ],
  [
    'event-bus-gateway',
    'Schema registry not enforced on two topics',
    'infrastructure',
    4,
    'M',
    6,
    'open',
    75,
  ],
  [
    'deploy-orchestrator',
    'Rollback path has no tests',
    'test',
    3,
    'S',
    4,
    'planned',
    50,
  ],
  [
    'identity-service',
    'Password hashing parameters below current guidance',
    'code',
    5,
    'S',
    2,
    'in-progress',
    25,
  ],
  [
    'stock-sync',
    'Retries without backoff hammer the warehouse API',
    'code',
    3,
    'XS',
    4,
    'resolved',
    100,
    60,
  ],
  [
    'settlement-service',
    'Settlement reports assembled in spreadsheets',
    'infrastructure',
    4,
    'M',
    20,
    'open',
    95,
  ],
];

const DAY = 86_400_000;

/**
 * Seeds the Basketly demo's debt register once its components are in the
 * catalog: 21 items (Order Flow drowning in them, resolved ones among the
 * rest) written by a member of each owning team, with history, and weekly
 * snapshots over the past six months replayed from the items' dates so the
 * trend is meaningful. Returns true when seeded or nothing is left to do.
 *
 * @public
 */
export async function seedDemoDebt(options: {
  store: DebtStore;
  catalog: CatalogService;
  auth: AuthService;
  logger: LoggerService;
  now?: Date;
}): Promise<boolean> {
  const { store, catalog, auth, logger } = options;
  const now = options.now ?? new Date();
  if ((await store.listItems({ limit: 1 })).length) return true;
  const credentials = await auth.getOwnServiceCredentials();
  const { items: entities } = await catalog.getEntities(
    {
      filter: [{ kind: 'component' }, { kind: 'group', 'spec.type': 'team' }],
      fields: ['kind', 'metadata.name', 'metadata.namespace', 'relations'],
    },
    { credentials },
  );
  const byRef = new Map(
    entities.map(e => [stringifyEntityRef(e).toLowerCase(), e]),
  );
  const ownerOf = (ref: string) =>
    byRef
      .get(ref)
      ?.relations?.find(r => r.type === 'ownedBy')
      ?.targetRef.toLowerCase();
  if (!ownerOf('component:default/legacy-order-batcher')) return false;
  const memberOf = (team: string) =>
    byRef
      .get(team)
      ?.relations?.find(r => r.type === 'hasMember')
      ?.targetRef.toLowerCase() ?? 'user:default/ines.duarte';

  const at = (daysAgo: number) =>
    new Date(now.getTime() - daysAgo * DAY).toISOString();
  const seeded: StoredDebtItem[] = [];
  for (const [
    name,
    title,
    category,
    impact,
    effort,
    interest,
    status,
    created,
    resolved,
  ] of ITEMS) {
    const entityRef = `component:default/${name}`;
    const teamRef = ownerOf(entityRef);
    if (!teamRef) continue;
    const author = memberOf(teamRef);
    const item: StoredDebtItem = {
      id: randomUUID(),
      entityRef,
      teamRef,
      title,
      category,
      impact,
      effort,
      interestHoursPerMonth: interest,
      status: resolved === undefined ? status : 'open',
      links: [],
      author,
      version: 1,
      createdAt: at(created),
      updatedAt: at(created),
      score: 0,
    };
    item.score = debtScore(item);
    await store.createItem(item);
    let final = item;
    if (resolved !== undefined) {
      const result = await store.updateItem(
        item.id,
        1,
        { status: 'resolved', resolvedAt: at(resolved) },
        { changedBy: author, changedAt: at(resolved) },
      );
      if (result && 'updated' in result) final = result.updated;
    }
    seeded.push(final);
  }

  // Weekly snapshots replayed from the items' own dates.
  for (let weeksAgo = 26; weeksAgo >= 0; weeksAgo--) {
    const day = new Date(now.getTime() - weeksAgo * 7 * DAY).toISOString();
    const sums = new Map<string, { openItems: number; openScore: number }>();
    for (const i of seeded) {
      const open = i.createdAt <= day && (!i.resolvedAt || i.resolvedAt > day);
      if (!open) continue;
      const key = `${i.teamRef}\n${i.category}`;
      const e = sums.get(key) ?? { openItems: 0, openScore: 0 };
      e.openItems += 1;
      e.openScore += debtScore(i);
      sums.set(key, e);
    }
    const takenOn = day.slice(0, 10);
    await store.saveSnapshot(takenOn, snapshotRows(takenOn, sums));
  }
  logger.info(`Seeded the demo's debt register with ${seeded.length} items`);
  return true;
}
