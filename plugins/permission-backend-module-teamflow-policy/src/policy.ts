import { Config } from '@backstage/config';
import { LoggerService } from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { TeamflowPolicyRule, teamflowPolicyRules } from './rules';
import { normaliseAdmins } from './compose';

/**
 * The Teamflow portal's permission policy: admins may do everything, every
 * other request is decided by the first matching rule of
 * {@link teamflowPolicyRules}.
 *
 * @public
 */
export class TeamflowPermissionPolicy implements PermissionPolicy {
  private constructor(
    private readonly admins: Set<string>,
    private readonly rules: TeamflowPolicyRule[],
    private readonly logger?: LoggerService,
  ) {}

  /** Reads the admins from `teamflow.admins` (user or group refs) and takes the rules in order. */
  static fromConfig(
    config: Config,
    options: { logger?: LoggerService; rules?: TeamflowPolicyRule[] } = {},
  ): TeamflowPermissionPolicy {
    // Ownership refs from sign-in are lower-case, as catalog relations are.
    const admins = normaliseAdmins(
      config.getOptionalStringArray('teamflow.permission.admins') ?? [],
    );
    return new TeamflowPermissionPolicy(
      admins,
      options.rules ?? teamflowPolicyRules,
      options.logger,
    );
  }

  /** Allows everything to an admin; otherwise the first rule matching the permission decides. */
  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const ownershipEntityRefs = user?.info.ownershipEntityRefs ?? [];
    if (
      ownershipEntityRefs.some(ref =>
        this.admins.has(ref.toLocaleLowerCase('en-US')),
      )
    ) {
      return { result: AuthorizeResult.ALLOW };
    }
    const caller = {
      userEntityRef: user?.info.userEntityRef,
      ownershipEntityRefs,
    };
    const rule = this.rules.find(r => r.appliesTo(request.permission));
    if (!rule) {
      return { result: AuthorizeResult.DENY };
    }
    const decision = rule.decide(caller, request.permission);
    if (decision.result === AuthorizeResult.DENY) {
      this.logger?.debug(
        `Denied ${request.permission.name} to ${
          caller.userEntityRef ?? 'anonymous'
        } by rule ${rule.id}`,
      );
    }
    return decision;
  }
}
