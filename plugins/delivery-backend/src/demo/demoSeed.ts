import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { SourcedEvent } from '@teamflow/plugin-delivery-node';
import { DeliveryService } from '../service/DeliveryService';

const DAY = 86_400_000;
const HOUR = 3_600_000;

type Profile = {
  /** Production deployments per working day (Mon–Fri), per component. */
  deploysPerDay: number;
  changesPerDeploy: number;
  /** Median hours from first commit to merge, and from merge to deployment. */
  codingHours: number;
  waitHours: number;
  failRate: number;
  recoveryHours: number;
  /** Incidents per week per component not caused by a deployment. */
  backgroundIncidents: number;
};

// Discovery ships small changes all day; Order Flow batches weekly and
// breaks often; Checkout was steady until an incident streak three weeks ago.
const TEAMS: Record<string, { profile: Profile; components: string[] }> = {
  discovery: {
    profile: {
      deploysPerDay: 2.4,
      changesPerDeploy: 1.3,
      codingHours: 5,
      waitHours: 1.5,
      failRate: 0.04,
      recoveryHours: 0.6,
      backgroundIncidents: 0.03,
    },
    components: [
      'storefront-web',
      'product-catalog-service',
      'product-page-bff',
    ],
  },
  'order-flow': {
    profile: {
      deploysPerDay: 0.2,
      changesPerDeploy: 7,
      codingHours: 60,
      waitHours: 140,
      failRate: 0.32,
      recoveryHours: 30,
      backgroundIncidents: 0.25,
    },
    components: [
      'order-service',
      'order-tracking-service',
      'order-amendments-service',
    ],
  },
  checkout: {
    profile: {
      deploysPerDay: 0.9,
      changesPerDeploy: 2,
      codingHours: 16,
      waitHours: 10,
      failRate: 0.08,
      recoveryHours: 3,
      backgroundIncidents: 0.05,
    },
    components: ['checkout-service', 'payments-gateway', 'basket-service'],
  },
  'store-ops': {
    profile: {
      deploysPerDay: 0.5,
      changesPerDeploy: 3,
      codingHours: 30,
      waitHours: 40,
      failRate: 0.15,
      recoveryHours: 8,
      backgroundIncidents: 0.1,
    },
    components: ['inventory-service', 'picking-service'],
  },
};

/** Deterministic pseudo-random numbers, so every demo tells the same story. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/**
 * Six months of generated delivery history for the Basketly demo, filed
 * through the same ledger as every source (source `demo`). The last days
 * before `now` are left to live events.
 */
export function demoHistory(now: number): Map<string, SourcedEvent[]> {
  const out = new Map<string, SourcedEvent[]>();
  const start = Math.floor(now / DAY) * DAY - 182 * DAY;
  const end = Math.floor(now / DAY) * DAY - DAY;
  let seed = 7;
  for (const [team, { profile, components }] of Object.entries(TEAMS)) {
    for (const name of components) {
      const rnd = random((seed += 101));
      // log-normal around a median, spread a factor of ~2
      const around = (median: number) =>
        median * Math.exp((rnd() + rnd() + rnd() - 1.5) * 1.2);
      const entityRef = `component:default/${name}`;
      const events: SourcedEvent[] = [];
      const push = (event: SourcedEvent['event']) =>
        events.push({ source: 'demo', event });
      let n = 0;
      for (let day = start; day < end; day += DAY) {
        const weekday = new Date(day).getUTCDay();
        if (weekday === 0 || weekday === 6) continue;
        const streak =
          team === 'checkout' && day > end - 21 * DAY && day < end - 7 * DAY;
        let deploys = Math.floor(profile.deploysPerDay + rnd() * 0.999);
        if (profile.deploysPerDay < 1)
          deploys = rnd() < profile.deploysPerDay ? 1 : 0;
        for (let k = 0; k < deploys; k++) {
          const at = day + (9 + rnd() * 8) * HOUR;
          const id = `demo-${name}-${++n}`;
          const changes = Math.max(
            1,
            Math.round(around(profile.changesPerDeploy)),
          );
          const hotfix = rnd() < profile.failRate / 2;
          for (let c = 0; c < changes; c++) {
            const merged = at - around(profile.waitHours) * HOUR;
            push({
              kind: 'change',
              id: `${id}-pr${c + 1}`,
              entity: { entityRef },
              mergedAt: merged,
              openedAt: merged - around(profile.codingHours / 2) * HOUR,
              firstCommitAt: merged - around(profile.codingHours) * HOUR,
              labels: hotfix && c === 0 ? ['hotfix'] : [],
              title: `${hotfix && c === 0 ? 'Hotfix: ' : ''}Change ${
                c + 1
              } to ${name}`,
              url: `https://github.com/basketly/${name}/pull/${n * 10 + c}`,
            });
          }
          const failRate = streak ? 0.6 : profile.failRate;
          const fails = rnd() < failRate;
          push({
            kind: 'deployment',
            id,
            entity: { entityRef },
            environment: 'production',
            finishedAt: at,
            status: fails && rnd() < 0.3 ? 'failure' : 'success',
            rollback: false,
            changeIds: Array.from(
              { length: changes },
              (_, c) => `${id}-pr${c + 1}`,
            ),
            version: `v1.${n}`,
          });
          push({
            kind: 'deployment',
            id: `${id}-staging`,
            entity: { entityRef },
            environment: 'staging',
            finishedAt: at - 2 * HOUR,
            status: 'success',
            rollback: false,
            version: `v1.${n}`,
          });
          if (fails) {
            const recovered =
              at + around(streak ? 6 : profile.recoveryHours) * HOUR;
            push({
              kind: 'incident',
              id: `${id}-incident`,
              entity: { entityRef },
              environment: 'production',
              startedAt: at + 0.25 * HOUR,
              resolvedAt: Math.min(recovered, now - HOUR),
              deploymentId: id,
              title: `${name} errors after ${`v1.${n}`}`,
            });
          }
        }
        if (rnd() < profile.backgroundIncidents / 5)
          push({
            kind: 'incident',
            id: `demo-${name}-bg-${day}`,
            entity: { entityRef },
            environment: 'production',
            startedAt: day + 3 * HOUR,
            resolvedAt: day + (3 + around(profile.recoveryHours)) * HOUR,
            title: `${name}: upstream degradation`,
          });
      }
      out.set(entityRef, events);
    }
  }
  return out;
}

/**
 * Files the demo history once the demo's components are in the catalog;
 * true when done (or already done).
 */
export async function seedDemoDelivery(options: {
  delivery: DeliveryService;
  catalog: CatalogService;
  auth: AuthService;
  logger: LoggerService;
  now?: number;
}) {
  const { delivery, catalog, auth, logger } = options;
  const states = await delivery.sourceStates();
  if (states.sources.some(s => s.source === 'demo')) return true;
  const credentials = await auth.getOwnServiceCredentials();
  const entity = await catalog.getEntityByRef(
    'component:default/order-service',
    { credentials },
  );
  if (!entity) return false;
  const started = Date.now();
  let total = 0;
  for (const events of demoHistory(options.now ?? Date.now()).values()) {
    for (let i = 0; i < events.length; i += 1000) {
      const r = await delivery.ingest(events.slice(i, i + 1000));
      total += r.accepted;
      if (r.rejected.length)
        logger.warn(`Demo delivery history: ${r.rejected[0].message}`);
    }
  }
  await delivery.recordSourceState('demo', 'seed', { events: total });
  logger.info(
    `Seeded ${total} demo delivery events in ${Date.now() - started} ms`,
  );
  return true;
}
