import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Sending delivery events (CDEvents batches). Granted to services through
 * Backstage service-to-service auth or a static external-access token;
 * users need it explicitly.
 *
 * @public
 */
export const deliveryEventsIngestPermission = createPermission({
  name: 'delivery.events.ingest',
  attributes: { action: 'create' },
});

/**
 * Reading delivery numbers and the events behind them (entity and team
 * reads are also limited to what the caller may read in the catalog). A
 * static token restricted to `delivery.events.ingest` does not have it.
 *
 * @public
 */
export const deliveryMetricsReadPermission = createPermission({
  name: 'delivery.metrics.read',
  attributes: { action: 'read' },
});

/** Administering sources: backfill progress, rebuilding roll-ups. @public */
export const deliveryAdminPermission = createPermission({
  name: 'delivery.admin',
  attributes: { action: 'update' },
});

/** Every permission of the delivery plugin, for the permissions registry. @public */
export const deliveryPermissions = [
  deliveryEventsIngestPermission,
  deliveryMetricsReadPermission,
  deliveryAdminPermission,
];
