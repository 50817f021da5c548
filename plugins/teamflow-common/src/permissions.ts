import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Taking a snapshot of the organisation's history on demand (the daily one
 * is taken by the backend itself). The Teamflow policy leaves it to admins.
 *
 * @public
 */
export const teamflowHistorySnapshotPermission = createPermission({
  name: 'teamflow.history.snapshot',
  attributes: { action: 'create' },
});

/** Every permission of the Teamflow plugin, for the permissions registry. @public */
export const teamflowPermissions = [teamflowHistorySnapshotPermission];
