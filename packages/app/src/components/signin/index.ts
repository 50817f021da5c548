export { DemoSignInPage } from './DemoSignInPage';
