import { TestDatabases, mockServices } from '@backstage/backend-test-utils';
import { DeliveryStore } from './DeliveryStore';

/*
 * The organisation's deploy days over a window: days on which any team
 * deployed successfully, each counted once however many teams deployed,
 * days with only failed deployments and other environments left out.
 */

const databases = TestDatabases.create();

describe.each(databases.eachSupportedId())('team window on %s', id => {
  it('counts the days with a successful deployment of any team, once each', async () => {
    const knex = await databases.init(id);
    const store = await DeliveryStore.create({
      database: mockServices.database({ knex }),
    });
    const row = (
      team: string,
      day: string,
      successful: number,
      environment = 'production',
    ) => ({
      team_ref: `group:default/${team}`,
      environment,
      day,
      // The Monday of the day's week
      week: ['2026-11-09', '2026-11-02', '2026-10-26', '2026-10-19'].find(
        m => day >= m,
      )!,
      deployments: Math.max(successful, 1),
      successful,
      failed: successful ? 0 : 1,
    });
    await knex('delivery_team_daily').insert([
      row('a', '2026-10-25', 1), // before the window
      row('a', '2026-10-27', 2),
      row('b', '2026-10-27', 1), // the same day, another team
      row('b', '2026-11-04', 1),
      row('a', '2026-11-05', 0), // failed only
      row('a', '2026-11-06', 1, 'staging'), // another environment
      row('b', '2026-11-09', 1), // the window's end (exclusive)
    ]);
    const deployDays = async (fromDay: string, toDay: string) =>
      (
        await store.reads.teamWindow({
          environment: 'production',
          fromDay,
          toDay,
          teamWeeks: false,
        })
      ).organisationDeployDays;
    // 27 Oct and 4 Nov
    expect(await deployDays('2026-10-26', '2026-11-09')).toBe(2);
    expect(await deployDays('2026-11-10', '2026-11-20')).toBe(0);
  });
});
