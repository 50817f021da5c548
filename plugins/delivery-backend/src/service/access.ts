import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  deliveryAdminPermission,
  deliveryEventsIngestPermission,
  deliveryMetricsReadPermission,
} from '@teamflow/plugin-delivery-common';

/** The delivery permissions, checked for a caller (403 when refused). */
export class Access {
  constructor(private readonly permissions: PermissionsService) {}

  /** Ingest permission: services pass through the policy like users. */
  async ingest(credentials: BackstageCredentials) {
    const [d] = await this.permissions.authorize(
      [{ permission: deliveryEventsIngestPermission }],
      { credentials },
    );
    if (d.result !== AuthorizeResult.ALLOW)
      throw new NotAllowedError(
        'Sending delivery events needs the delivery.events.ingest permission',
      );
  }

  /**
   * Reading numbers: users through the policy (Teamflow's allows every
   * signed-in user), services unless their token is restricted to other
   * permissions — a CI pipeline's ingest-only token cannot read.
   */
  async read(credentials: BackstageCredentials) {
    const [d] = await this.permissions.authorize(
      [{ permission: deliveryMetricsReadPermission }],
      { credentials },
    );
    if (d.result !== AuthorizeResult.ALLOW)
      throw new NotAllowedError(
        'Reading delivery metrics needs the delivery.metrics.read permission',
      );
  }

  async admin(credentials: BackstageCredentials) {
    const [d] = await this.permissions.authorize(
      [{ permission: deliveryAdminPermission }],
      { credentials },
    );
    if (d.result !== AuthorizeResult.ALLOW)
      throw new NotAllowedError('This needs the delivery.admin permission');
  }
}
