import {
  AuthorizeResult,
  Permission,
  PolicyDecision,
  isPermission,
} from '@backstage/plugin-permission-common';
import {
  catalogEntityDeletePermission,
  catalogLocationDeletePermission,
} from '@backstage/plugin-catalog-common/alpha';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import {
  cognitiveLoadResultsReadPermission,
  cognitiveLoadWaveCreatePermission,
} from '@teamflow/plugin-cognitive-load-common';
import { techDebtManagePermission } from '@teamflow/plugin-tech-debt-common';
import {
  deliveryAdminPermission,
  deliveryEventsIngestPermission,
  deliveryMetricsReadPermission,
} from '@teamflow/plugin-delivery-common';

/**
 * What a rule knows about the caller.
 *
 * @public
 */
export type PolicyCaller = {
  /** The user's entity ref, or undefined for a request without a user. */
  userEntityRef?: string;
  /** The user's own ref plus the groups they belong to. */
  ownershipEntityRefs: string[];
};

/**
 * One row of the Teamflow policy. Rules are tried in order; the first rule
 * whose `appliesTo` matches decides. Later Teamflow capabilities add their
 * rows here, next to their permissions.
 *
 * @public
 */
export type TeamflowPolicyRule = {
  /** Stable name, used in logs and the README's rule table. */
  id: string;
  /** One sentence for people reading the README or a denial. */
  description: string;
  appliesTo(permission: Permission): boolean;
  decide(caller: PolicyCaller, permission: Permission): PolicyDecision;
};

const allow: PolicyDecision = { result: AuthorizeResult.ALLOW };
const deny: PolicyDecision = { result: AuthorizeResult.DENY };

/**
 * The rules of the Teamflow portal, in the order they are tried. Admins
 * (`teamflow.permission.admins`) are allowed everything before any rule runs.
 *
 * @public
 */
export const teamflowPolicyRules: TeamflowPolicyRule[] = [
  {
    id: 'owners-unregister-their-entities',
    description:
      'Unregistering (deleting) a catalog entity is allowed to members of its owning group only.',
    appliesTo: p => isPermission(p, catalogEntityDeletePermission),
    decide: caller =>
      caller.userEntityRef
        ? createCatalogConditionalDecision(
            catalogEntityDeletePermission,
            catalogConditions.isEntityOwner({
              claims: caller.ownershipEntityRefs,
            }),
          )
        : deny,
  },
  {
    id: 'only-admins-remove-locations',
    description:
      'Removing a catalog location (which drops every entity it produced) is for admins only.',
    appliesTo: p => isPermission(p, catalogLocationDeletePermission),
    decide: () => deny,
  },
  {
    id: 'cognitive-load-results-for-admins',
    description:
      "Every team's cognitive-load results and the org heatmap are for admins; members always see their own team's results (the plugin checks membership).",
    appliesTo: p => isPermission(p, cognitiveLoadResultsReadPermission),
    decide: () => deny,
  },
  {
    id: 'cognitive-load-waves-for-admins',
    description:
      'Opening survey waves is for admins beyond members of platform and enabling teams (the plugin allows those).',
    appliesTo: p => isPermission(p, cognitiveLoadWaveCreatePermission),
    decide: () => deny,
  },
  {
    id: 'tech-debt-on-any-entity-for-admins',
    description:
      "Recording and changing debt on any entity is for admins; members of an entity's owning team may always do so on it (the plugin checks ownership).",
    appliesTo: p => isPermission(p, techDebtManagePermission),
    decide: () => deny,
  },
  {
    id: 'delivery-events-from-services',
    description:
      'Sending delivery events (CDEvents) is for CI/CD systems through service-to-service auth or a static external-access token (those do not reach the policy); users need to be admins.',
    appliesTo: p => isPermission(p, deliveryEventsIngestPermission),
    decide: () => deny,
  },
  {
    id: 'delivery-metrics-for-signed-in-users',
    description:
      'Delivery numbers are read by any signed-in user (entity and team reads also follow the catalog). Services read unless their token is restricted to other permissions (a CI ingest token).',
    appliesTo: p => isPermission(p, deliveryMetricsReadPermission),
    decide: caller => (caller.userEntityRef ? allow : deny),
  },
  {
    id: 'delivery-admin-for-admins',
    description:
      'Delivery source administration (backfill progress, cursors) is for admins.',
    appliesTo: p => isPermission(p, deliveryAdminPermission),
    decide: () => deny,
  },
  {
    id: 'everything-else-allowed',
    description:
      'Everything else, including reading the catalog, is allowed to any signed-in user.',
    appliesTo: () => true,
    decide: caller => (caller.userEntityRef ? allow : deny),
  },
];
