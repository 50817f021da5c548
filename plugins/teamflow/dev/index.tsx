import { createDevApp } from '@backstage/dev-utils';
import { teamflowPlugin } from '../src/plugin';

// `yarn start` in this package: the plugin on its own. The cards need the
// catalog, so the portal (`./teamflow start` at the root) is the real dev loop.
createDevApp().registerPlugin(teamflowPlugin).render();
