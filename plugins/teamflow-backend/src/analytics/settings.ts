import { RootConfigService } from '@backstage/backend-plugin-api';

/** `teamflow.analytics`, read once at start-up. */
export type AnalyticsSettings = {
  sources: Array<{ id: string; writeKey: string }>;
  userIdKey?: string;
  retentionDays: number;
  demo: boolean;
  /** PostgreSQL: the ingest's statements prepared once per connection (default true). */
  preparedStatements?: boolean;
};

/** Reads and checks `teamflow.analytics`, naming the key at fault. */
export function analyticsSettings(
  config: RootConfigService,
): AnalyticsSettings {
  const c = config.getOptionalConfig('teamflow.analytics');
  const sources = (c?.getOptionalConfigArray('sources') ?? []).map(s => ({
    id: s.getString('id'),
    writeKey: s.getString('writeKey'),
  }));
  const ids = new Set<string>();
  for (const s of sources) {
    if (!/^[a-z0-9][a-z0-9-_.]{0,99}$/i.test(s.id))
      throw new Error(
        `teamflow.analytics.sources: id '${s.id}' must be letters, digits, '-', '_' or '.'`,
      );
    if (ids.has(s.id))
      throw new Error(
        `teamflow.analytics.sources: id '${s.id}' is given twice`,
      );
    ids.add(s.id);
    if (s.writeKey.length < 16)
      throw new Error(
        `teamflow.analytics.sources: the writeKey of '${s.id}' must be at least 16 characters`,
      );
  }
  const userIdKey = c?.getOptionalString('userIdKey');
  if (sources.length && (!userIdKey || userIdKey.length < 16))
    throw new Error(
      'teamflow.analytics.userIdKey is required with sources: a secret of at least 16 characters that user ids are hashed with',
    );
  const retentionDays = c?.getOptionalNumber('retentionDays') ?? 90;
  if (!(retentionDays >= 14 && retentionDays <= 3660))
    throw new Error(
      'teamflow.analytics.retentionDays must be between 14 and 3660',
    );
  return {
    sources,
    userIdKey,
    retentionDays,
    demo: c?.getOptionalBoolean('demo') ?? false,
    preparedStatements: c?.getOptionalBoolean('preparedStatements') ?? true,
  };
}
