/**
 * The Teamflow portal's permission policy.
 *
 * @packageDocumentation
 */

export { permissionModuleTeamflowPolicy as default } from './module';
export { TeamflowPermissionPolicy } from './policy';
export { teamflowPolicyRules } from './rules';
export { createTeamflowDecider, teamflowPermissionRules } from './compose';
export type { PolicyCaller, TeamflowPolicyRule } from './rules';
