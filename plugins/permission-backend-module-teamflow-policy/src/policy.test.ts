import { techDebtManagePermission } from '@teamflow/plugin-tech-debt-common';
import {
  deliveryAdminPermission,
  deliveryEventsIngestPermission,
} from '@teamflow/plugin-delivery-common';
import {
  cognitiveLoadResultsReadPermission,
  cognitiveLoadWaveCreatePermission,
} from '@teamflow/plugin-cognitive-load-common';

import { ConfigReader } from '@backstage/config';
import {
  AuthorizeResult,
  createPermission,
} from '@backstage/plugin-permission-common';
import {
  catalogEntityDeletePermission,
  catalogEntityReadPermission,
  catalogLocationDeletePermission,
} from '@backstage/plugin-catalog-common/alpha';
import { PolicyQueryUser } from '@backstage/plugin-permission-node';
import { TeamflowPermissionPolicy } from './policy';

const policy = TeamflowPermissionPolicy.fromConfig(
  new ConfigReader({
    // A short, mixed-case ref, to check it is read as group:default/cto-office.
    teamflow: { permission: { admins: ['CTO-Office'] } },
  }),
);

function userOf(name: string, groups: string[]): PolicyQueryUser {
  const userEntityRef = `user:default/${name}`;
  return {
    info: {
      userEntityRef,
      ownershipEntityRefs: [
        userEntityRef,
        ...groups.map(g => `group:default/${g}`),
      ],
    },
  } as PolicyQueryUser;
}

const engineer = userOf('maya.okafor', ['checkout']);
const cto = userOf('ines.duarte', ['cto-office']);
const somePluginWrite = createPermission({
  name: 'teamflow.example.write',
  attributes: { action: 'create' },
});

describe('TeamflowPermissionPolicy', () => {
  it.each([
    [
      'engineer reads the catalog',
      engineer,
      catalogEntityReadPermission,
      AuthorizeResult.ALLOW,
    ],
    [
      'engineer removes a location',
      engineer,
      catalogLocationDeletePermission,
      AuthorizeResult.DENY,
    ],
    [
      'CTO (admin) removes a location',
      cto,
      catalogLocationDeletePermission,
      AuthorizeResult.ALLOW,
    ],
    [
      'CTO (admin) unregisters any entity',
      cto,
      catalogEntityDeletePermission,
      AuthorizeResult.ALLOW,
    ],
    [
      'engineer uses another plugin',
      engineer,
      somePluginWrite,
      AuthorizeResult.ALLOW,
    ],
    [
      "engineer reads every team's cognitive-load results",
      engineer,
      cognitiveLoadResultsReadPermission,
      AuthorizeResult.DENY,
    ],
    [
      "CTO (admin) reads every team's cognitive-load results",
      cto,
      cognitiveLoadResultsReadPermission,
      AuthorizeResult.ALLOW,
    ],
    [
      'engineer opens a survey wave by permission',
      engineer,
      cognitiveLoadWaveCreatePermission,
      AuthorizeResult.DENY,
    ],
    [
      'engineer changes debt on any entity by permission',
      engineer,
      techDebtManagePermission,
      AuthorizeResult.DENY,
    ],
    [
      'CTO (admin) changes debt on any entity',
      cto,
      techDebtManagePermission,
      AuthorizeResult.ALLOW,
    ],
    [
      'engineer sends delivery events as themselves',
      engineer,
      deliveryEventsIngestPermission,
      AuthorizeResult.DENY,
    ],
    [
      'engineer sees delivery source administration',
      engineer,
      deliveryAdminPermission,
      AuthorizeResult.DENY,
    ],
    [
      'CTO (admin) sees delivery source administration',
      cto,
      deliveryAdminPermission,
      AuthorizeResult.ALLOW,
    ],
    [
      'anonymous request reads the catalog',
      undefined,
      catalogEntityReadPermission,
      AuthorizeResult.DENY,
    ],
    [
      'anonymous request unregisters an entity',
      undefined,
      catalogEntityDeletePermission,
      AuthorizeResult.DENY,
    ],
  ])('%s', async (_name, user, permission, expected) => {
    const decision = await policy.handle({ permission }, user);
    expect(decision.result).toBe(expected);
  });

  it('lets an engineer unregister only entities their own groups own', async () => {
    const decision = await policy.handle(
      { permission: catalogEntityDeletePermission },
      engineer,
    );
    expect(decision).toEqual({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'catalog',
      resourceType: 'catalog-entity',
      conditions: {
        rule: 'IS_ENTITY_OWNER',
        resourceType: 'catalog-entity',
        params: {
          claims: ['user:default/maya.okafor', 'group:default/checkout'],
        },
      },
    });
  });
});
