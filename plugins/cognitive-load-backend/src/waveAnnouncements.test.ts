import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import notificationsPlugin from '@backstage/plugin-notifications-backend';
import { Entity } from '@backstage/catalog-model';
import request from 'supertest';
import { cognitiveLoadPlugin } from './plugin';

// Two stream-aligned teams of two and a platform team of one, who opens waves.
const team = (name: string, type: string, members: string[]): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: {
    name,
    namespace: 'default',
    labels: { 'teamflow.io/team-type': type },
  },
  spec: { type: 'team', children: [] },
  relations: members.map(m => ({
    type: 'hasMember',
    targetRef: `user:default/${m}`,
  })),
});
const entities = [
  team('team-a', 'stream-aligned', ['a1', 'a2']),
  team('team-b', 'stream-aligned', ['b1', 'b2']),
  team('infra', 'platform', ['p1']),
];
const as = (user: string) =>
  mockCredentials.user.header(`user:default/${user}`);
const day = 86_400_000;
const iso = (offsetDays: number) =>
  new Date(Date.now() + offsetDays * day).toISOString();

describe('survey wave announcements', () => {
  it("tell the members of a wave's teams once, when it opens, through the notifications backend", async () => {
    const { server } = await startTestBackend({
      features: [
        cognitiveLoadPlugin,
        notificationsPlugin,
        catalogServiceMock.factory({ entities }),
        mockServices.rootConfig.factory({
          data: {
            app: { baseUrl: 'http://localhost:3000' },
            cognitiveLoad: {
              respondentKeySecret: 'a-test-secret-of-enough-length',
            },
          },
        }),
        mockServices.userInfo.mock({
          getUserInfo: async (credentials: any) => ({
            userEntityRef: credentials.principal.userEntityRef,
            ownershipEntityRefs: [
              credentials.principal.userEntityRef,
              ...(credentials.principal.userEntityRef === 'user:default/p1'
                ? ['group:default/infra']
                : []),
            ],
          }),
        }).factory,
      ],
    });
    const open = async (title: string, teams: string[], opensIn: number) => {
      const res = await request(server)
        .post('/api/cognitive-load/waves')
        .set('Authorization', as('p1'))
        .send({
          title,
          teams: teams.map(t => `group:default/${t}`),
          opensAt: iso(opensIn),
          closesAt: iso(opensIn + 14),
        });
      expect(res.status).toBe(201);
    };
    const inbox = async (user: string) =>
      (
        await request(server)
          .get('/api/notifications/notifications')
          .set('Authorization', as(user))
      ).body.notifications.map((n: any) => n.payload.title) as string[];

    await open('Autumn pulse', ['team-a'], -0.01);
    // Opens tomorrow: nobody is told yet.
    await open('Winter pulse', ['team-b'], 1);
    expect(await inbox('a1')).toEqual([
      'Cognitive-load survey open: Autumn pulse',
    ]);
    expect(await inbox('a2')).toEqual([
      'Cognitive-load survey open: Autumn pulse',
    ]);
    expect(await inbox('b1')).toEqual([]);
    expect(await inbox('p1')).toEqual([]);

    // Another wave opening now for team B: the first one is not told again.
    await open('Team B check-in', ['team-b'], -0.01);
    expect(await inbox('b2')).toEqual([
      'Cognitive-load survey open: Team B check-in',
    ]);
    expect(await inbox('a1')).toHaveLength(1);
  });
});
