import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import {
  cognitiveLoadResultsReadPermission,
  cognitiveLoadWaveCreatePermission,
} from '@teamflow/plugin-cognitive-load-common';
import { techDebtManagePermission } from '@teamflow/plugin-tech-debt-common';
import {
  deliveryAdminPermission,
  deliveryEventsIngestPermission,
} from '@teamflow/plugin-delivery-common';
import { createTeamflowDecider } from './compose';

const user = (name: string, groups: string[]): PolicyQueryUser =>
  ({
    info: {
      userEntityRef: `user:default/${name}`,
      ownershipEntityRefs: [
        `user:default/${name}`,
        ...groups.map(g => `group:default/${g}`),
      ],
    },
  } as PolicyQueryUser);

// An adopter's own policy: create-app's allow-all, with Teamflow's decisions
// added in one line.
const teamflow = createTeamflowDecider({ admins: ['Platform-Admins'] });
const adopterPolicy = (
  request: PolicyQuery,
  caller?: PolicyQueryUser,
): PolicyDecision =>
  teamflow(request, caller) ?? { result: AuthorizeResult.ALLOW };

const engineer = user('jo', ['payments']);
const admin = user('sam', ['platform-admins']);

describe('createTeamflowDecider in an allow-all policy', () => {
  it.each([
    [
      cognitiveLoadResultsReadPermission.name,
      cognitiveLoadResultsReadPermission,
    ],
    [cognitiveLoadWaveCreatePermission.name, cognitiveLoadWaveCreatePermission],
    [techDebtManagePermission.name, techDebtManagePermission],
    [deliveryEventsIngestPermission.name, deliveryEventsIngestPermission],
    [deliveryAdminPermission.name, deliveryAdminPermission],
  ])('denies %s to an engineer, allows it to an admin', (_name, permission) => {
    expect(adopterPolicy({ permission }, engineer).result).toBe(
      AuthorizeResult.DENY,
    );
    expect(adopterPolicy({ permission }, admin).result).toBe(
      AuthorizeResult.ALLOW,
    );
  });

  it('leaves every other permission to the adopter’s policy', () => {
    expect(
      teamflow({ permission: catalogEntityReadPermission }, engineer),
    ).toBeUndefined();
    expect(
      adopterPolicy({ permission: catalogEntityReadPermission }, engineer)
        .result,
    ).toBe(AuthorizeResult.ALLOW);
  });
});
