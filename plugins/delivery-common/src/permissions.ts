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

/** Administering sources: backfill progress, rebuilding roll-ups. @public */
export const deliveryAdminPermission = createPermission({
  name: 'delivery.admin',
  attributes: { action: 'update' },
});

/** @public */
export const deliveryPermissions = [
  deliveryEventsIngestPermission,
  deliveryAdminPermission,
];
