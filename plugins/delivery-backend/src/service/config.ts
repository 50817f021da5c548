import { Config } from '@backstage/config';
import {
  DEFAULT_FLOW_DEFINITIONS,
  FlowDefinitions,
  FlowTargets,
} from '@teamflow/plugin-delivery-common';

const STARTS = ['first-commit', 'pr-opened', 'merged'] as const;

/** The metric definitions from `delivery.definitions`, validated at start-up. */
export function readDefinitions(config: Config): FlowDefinitions {
  const c = config.getOptionalConfig('delivery.definitions');
  const d = { ...DEFAULT_FLOW_DEFINITIONS };
  if (!c) return d;
  const start = c.getOptionalString('leadTimeStart');
  if (start !== undefined) {
    if (!(STARTS as readonly string[]).includes(start))
      throw new Error(
        `delivery.definitions.leadTimeStart must be one of ${STARTS.join(
          ', ',
        )}, not ${start}`,
      );
    d.leadTimeStart = start as FlowDefinitions['leadTimeStart'];
  }
  const hours = c.getOptionalNumber('failureWindowHours');
  if (hours !== undefined) {
    if (!(hours >= 0 && hours <= 24 * 14))
      throw new Error(
        'delivery.definitions.failureWindowHours must be from 0 to 336',
      );
    d.failureWindowHours = hours;
  }
  const min = c.getOptionalNumber('minimumSample');
  if (min !== undefined) {
    if (!Number.isInteger(min) || min < 1)
      throw new Error(
        'delivery.definitions.minimumSample must be a whole number ≥ 1',
      );
    d.minimumSample = min;
  }
  d.environment = c.getOptionalString('environment') ?? d.environment;
  return d;
}

/** Per-team targets from `delivery.targets` (a list of `team` and numbers). */
export function readTargets(config: Config): Record<string, FlowTargets> {
  const out: Record<string, FlowTargets> = {};
  for (const t of config.getOptionalConfigArray('delivery.targets') ?? []) {
    out[t.getString('team')] = {
      deploymentsPerDay: t.getOptionalNumber('deploymentsPerDay'),
      leadTimeHours: t.getOptionalNumber('leadTimeHours'),
      changeFailRate: t.getOptionalNumber('changeFailRate'),
      recoveryTimeHours: t.getOptionalNumber('recoveryTimeHours'),
      reworkRate: t.getOptionalNumber('reworkRate'),
    };
  }
  return out;
}
