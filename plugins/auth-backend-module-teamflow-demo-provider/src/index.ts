/**
 * A demo sign-in provider for the Teamflow portal: pick one of the configured
 * demo users and be signed in as that catalog User.
 *
 * @packageDocumentation
 */

export { authModuleTeamflowDemoProvider as default } from './module';
export { demoAuthenticator, DEMO_USER_HEADER } from './authenticator';
export type { DemoAuthResult, DemoContext } from './authenticator';
export { readDemoUsers } from './config';
export type { DemoUser } from './config';
