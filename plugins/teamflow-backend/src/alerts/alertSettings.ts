import { Config } from '@backstage/config';

/** Days of the week as `getUTCDay` numbers them, as the digest's config names them. */
export const WEEKDAYS = [
  'sunday',
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
];

/** What `teamflow.alerts` configures. */
export type AlertSettings = {
  enabled: boolean;
  /** A collaboration or facilitation passed its review date: both teams. */
  reviewOverdue: boolean;
  /** A team entered the overloaded structural-load band: the team. */
  overloaded: boolean;
  /** A team's open debt score grew four weeks running: the team. */
  debtGrowing: boolean;
  /** A team missed one of its delivery targets two complete weeks running: the team. */
  deliveryTargets: boolean;
  digest: {
    enabled: boolean;
    /** Day of the week (UTC) the digest goes out. */
    weekday: string;
    recipients: string[];
  };
};

/** Settings from config; the digest goes to Teamflow's admins unless told otherwise. */
export function alertSettings(config: Config): AlertSettings {
  const alerts = config.getOptionalConfig('teamflow.alerts');
  const weekday = (
    alerts?.getOptionalString('digest.weekday') ?? 'monday'
  ).toLocaleLowerCase('en-US');
  if (!WEEKDAYS.includes(weekday))
    throw new Error(
      `teamflow.alerts.digest.weekday must be one of ${WEEKDAYS.join(
        ', ',
      )}, got '${weekday}'`,
    );
  return {
    enabled: alerts?.getOptionalBoolean('enabled') ?? true,
    reviewOverdue: alerts?.getOptionalBoolean('reviewOverdue') ?? true,
    overloaded: alerts?.getOptionalBoolean('overloaded') ?? true,
    debtGrowing: alerts?.getOptionalBoolean('debtGrowing') ?? true,
    deliveryTargets: alerts?.getOptionalBoolean('deliveryTargets') ?? true,
    digest: {
      enabled: alerts?.getOptionalBoolean('digest.enabled') ?? true,
      weekday,
      recipients:
        alerts?.getOptionalStringArray('digest.recipients') ??
        config.getOptionalStringArray('teamflow.permission.admins') ??
        [],
    },
  };
}
