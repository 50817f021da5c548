import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Opening (and closing early) survey waves. Members of platform and enabling
 * teams may always open waves; anyone else needs this permission.
 *
 * @public
 */
export const cognitiveLoadWaveCreatePermission = createPermission({
  name: 'cognitive-load.wave.create',
  attributes: { action: 'create' },
});

/**
 * Reading every team's results and the org heatmap. Members of a team always
 * see their own team's results (when at least k answered).
 *
 * @public
 */
export const cognitiveLoadResultsReadPermission = createPermission({
  name: 'cognitive-load.results.read',
  attributes: { action: 'read' },
});

/** Every permission of the cognitive-load plugin, for the permissions registry. @public */
export const cognitiveLoadPermissions = [
  cognitiveLoadWaveCreatePermission,
  cognitiveLoadResultsReadPermission,
];
