import { createHmac, timingSafeEqual } from 'node:crypto';
import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { eventsExtensionPoint } from '@backstage/plugin-events-node/alpha';
import { RequestValidator } from '@backstage/plugin-events-node';

/**
 * Checks PagerDuty v3 webhook signatures: `X-PagerDuty-Signature` holds one
 * or more `v1=<hex>` values, each an HMAC-SHA256 of the raw body with the
 * subscription's secret (several during secret rotation). Documented at
 * https://developer.pagerduty.com/docs/verifying-webhook-signatures.
 *
 * @public
 */
export function createPagerDutySignatureValidator(
  secret: string,
): RequestValidator {
  return async (request, context) => {
    const header = request.headers['x-pagerduty-signature'];
    const expected = createHmac('sha256', secret)
      .update(request.raw.body)
      .digest();
    const given = String(
      Array.isArray(header) ? header.join(',') : header ?? '',
    )
      .split(',')
      .map(s => s.trim())
      .filter(s => s.startsWith('v1='))
      .map(s => Buffer.from(s.slice(3), 'hex'));
    if (
      !given.some(
        g => g.length === expected.length && timingSafeEqual(g, expected),
      )
    ) {
      context.reject({
        status: 403,
        payload: { message: 'invalid PagerDuty signature' },
      });
    }
  };
}

/**
 * Adds the `pagerduty` topic to the events backend's HTTP ingress
 * (`POST /api/events/http/pagerduty`), with signature checks when
 * `events.modules.pagerduty.webhookSecret` is set (the ingress is not added
 * without it).
 *
 * @public
 */
export const eventsModulePagerduty = createBackendModule({
  pluginId: 'events',
  moduleId: 'pagerduty',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        events: eventsExtensionPoint,
        logger: coreServices.logger,
      },
      async init({ config, events, logger }) {
        const secret = config.getOptionalString(
          'events.modules.pagerduty.webhookSecret',
        );
        if (!secret) {
          logger.info(
            'PagerDuty webhooks are off: set events.modules.pagerduty.webhookSecret',
          );
          return;
        }
        events.addHttpPostIngress({
          topic: 'pagerduty',
          validator: createPagerDutySignatureValidator(secret),
        });
      },
    });
  },
});
