import { usePermission } from '@backstage/plugin-permission-react';
import { deliveryAdminPermission } from '@teamflow/plugin-delivery-common';
import { SourcesList } from './SourcesList';

/** Admins: what each source has filed, cursors and backfill progress. */
export function SourcesPanel() {
  // Asked first, so nobody without delivery.admin is sent a refusal.
  const { allowed } = usePermission({ permission: deliveryAdminPermission });
  return allowed ? <SourcesList /> : null;
}
