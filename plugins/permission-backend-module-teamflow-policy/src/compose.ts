import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { TeamflowPolicyRule, teamflowPolicyRules } from './rules';

/**
 * The rules about Teamflow's own permissions (cognitive load, tech debt,
 * delivery), without this portal's catalog rules and its "everything else"
 * row: what an adopter adds to a policy of their own.
 *
 * @public
 */
export const teamflowPermissionRules: TeamflowPolicyRule[] =
  teamflowPolicyRules.filter(r =>
    /^(cognitive-load|tech-debt|delivery)-/.test(r.id),
  );

/** Group refs as ownership refs are compared: full and lower-case. */
export function normaliseAdmins(admins: string[]): Set<string> {
  return new Set(
    admins.map(ref =>
      stringifyEntityRef(
        parseEntityRef(ref, {
          defaultKind: 'group',
          defaultNamespace: 'default',
        }),
      ).toLocaleLowerCase('en-US'),
    ),
  );
}

/**
 * Teamflow's decisions, for a permission policy of your own: returns the
 * decision for a Teamflow permission, or undefined for any other permission
 * so your policy decides it as before.
 *
 * ```ts
 * const teamflow = createTeamflowDecider({ admins: ['group:default/admins'] });
 * class MyPolicy implements PermissionPolicy {
 *   async handle(request: PolicyQuery, user?: PolicyQueryUser) {
 *     return teamflow(request, user) ?? { result: AuthorizeResult.ALLOW };
 *   }
 * }
 * ```
 *
 * Members of an `admins` group get every Teamflow permission; everyone else
 * gets what the rules give (see the README): the plugins still let members
 * see their own team's survey results, platform and enabling teams open
 * waves, and owning teams record their debt.
 *
 * @public
 */
export function createTeamflowDecider(options: {
  admins: string[];
  rules?: TeamflowPolicyRule[];
}): (
  request: PolicyQuery,
  user?: PolicyQueryUser,
) => PolicyDecision | undefined {
  const admins = normaliseAdmins(options.admins);
  const rules = options.rules ?? teamflowPermissionRules;
  return (request, user) => {
    const rule = rules.find(r => r.appliesTo(request.permission));
    if (!rule) return undefined;
    const ownershipEntityRefs = user?.info.ownershipEntityRefs ?? [];
    if (
      ownershipEntityRefs.some(r => admins.has(r.toLocaleLowerCase('en-US')))
    ) {
      return { result: AuthorizeResult.ALLOW };
    }
    return rule.decide(
      { userEntityRef: user?.info.userEntityRef, ownershipEntityRefs },
      request.permission,
    );
  };
}
