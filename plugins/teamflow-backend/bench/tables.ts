/** Every table of this plugin's migrations: dropped before a PostgreSQL bench run re-migrates. */
export const ALL_TEAMFLOW_TABLES = [
  'teamflow_org_snapshots',
  'teamflow_alerts_sent',
  'analytics_events',
  'analytics_users',
  'analytics_feature_users',
  'analytics_user_weeks',
  'analytics_daily',
  'analytics_series',
  'analytics_weekly',
  'analytics_weekly_done',
  'analytics_weekly_stale',
];
