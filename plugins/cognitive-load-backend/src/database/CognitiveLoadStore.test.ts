import { TestDatabases, mockServices } from '@backstage/backend-test-utils';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { DEFAULT_INSTRUMENT } from '@teamflow/plugin-cognitive-load-common';
import { DatabaseCognitiveLoadStore } from './DatabaseCognitiveLoadStore';
import { StoredWave } from './CognitiveLoadStore';

jest.setTimeout(60_000);

const databases = TestDatabases.create();

const wave = (
  id: string,
  opensAt: string,
  teams: string[],
): Omit<StoredWave, 'teamCount'> => ({
  id,
  title: `Wave ${id}`,
  instrument: DEFAULT_INSTRUMENT,
  opensAt,
  closesAt: '2027-01-31T00:00:00.000Z',
  createdBy: 'user:default/lars.berg',
  createdAt: '2026-11-01T00:00:00.000Z',
  teams,
});

describe.each(databases.eachSupportedId())(
  'DatabaseCognitiveLoadStore on %s',
  databaseId => {
    async function createStore() {
      const knex = await databases.init(databaseId);
      const store = await DatabaseCognitiveLoadStore.create({
        database: mockServices.database({ knex }),
      });
      return { knex, store };
    }

    it('keeps waves with their teams and instrument, newest first', async () => {
      const { store } = await createStore();
      await store.createWave(
        wave('w1', '2026-05-01T00:00:00.000Z', [
          'group:default/b',
          'group:default/a',
        ]),
      );
      // more teams than one insert chunk
      const many = Array.from(
        { length: 450 },
        (_, i) => `group:default/t${String(i).padStart(3, '0')}`,
      );
      await store.createWave(wave('w2', '2026-09-01T00:00:00.000Z', many));
      const waves = await store.listWaves();
      expect(waves.map(w => [w.id, w.teams.length])).toEqual([
        ['w2', 450],
        ['w1', 2],
      ]);
      expect(waves[1].teams).toEqual(['group:default/a', 'group:default/b']);
      expect(waves[1].instrument).toEqual(DEFAULT_INSTRUMENT);
      expect(
        (await store.listWaves({ teams: false })).map(w => [
          w.id,
          w.teams,
          w.teamCount,
        ]),
      ).toEqual([
        ['w2', [], 450],
        ['w1', [], 2],
      ]);
      expect(
        (await store.listWavesOf('group:default/a')).map(w => w.id),
      ).toEqual(['w1']);
      expect(await store.getWave('nope')).toBeUndefined();

      await store.closeWave('w1', '2026-05-10T00:00:00.000Z');
      await store.closeWave('w1', '2026-05-20T00:00:00.000Z'); // first close wins
      expect((await store.getWave('w1'))?.closedEarlyAt).toBe(
        '2026-05-10T00:00:00.000Z',
      );
    });

    it('stores one response per respondent, wave and team, replaced on change', async () => {
      const { store, knex } = await createStore();
      await store.createWave(
        wave('w1', '2026-05-01T00:00:00.000Z', [
          'group:default/a',
          'group:default/b',
        ]),
      );
      const base = { waveId: 'w1', teamRef: 'group:default/a' };
      expect(
        await store.saveResponse({
          ...base,
          respondentKey: 'k1',
          answers: { i1: 2 },
        }),
      ).toBe('created');
      expect(
        await store.saveResponse({
          ...base,
          respondentKey: 'k1',
          answers: { i1: 4 },
        }),
      ).toBe('updated');
      await store.saveResponse({
        ...base,
        respondentKey: 'k2',
        answers: { i1: 5 },
      });
      await store.saveResponse({
        waveId: 'w1',
        teamRef: 'group:default/b',
        respondentKey: 'k1',
        answers: { i1: 1 },
      });

      expect(await store.getAnswers('w1', 'group:default/a', ['k1'])).toEqual({
        i1: 4,
      });
      expect(
        await store.getAnswers('w1', 'group:default/a', ['k3']),
      ).toBeUndefined();
      expect(Object.fromEntries(await store.countResponses('w1'))).toEqual({
        'group:default/a': 2,
        'group:default/b': 1,
      });
      expect(
        (await store.listResponses(['w1']))
          .map(r => [r.teamRef, r.answers.i1])
          .sort(),
      ).toEqual([
        ['group:default/a', 4],
        ['group:default/a', 5],
        ['group:default/b', 1],
      ]);
      expect(
        (await store.listResponses(['w1'], ['group:default/b'])).map(
          r => r.answers,
        ),
      ).toEqual([{ i1: 1 }]);
      expect(await store.listResponses(['w1'], [])).toEqual([]);
      // Nothing but the keyed hash identifies a respondent.
      expect(Object.keys((await knex('responses').first())!).sort()).toEqual([
        'answers',
        'respondent_key',
        'team_ref',
        'wave_id',
      ]);
    });

    it('publishes a team only in steps of k people, whatever was changed in between', async () => {
      const { store } = await createStore();
      await store.createWave(wave('w1', '2026-11-01T00:00:00.000Z', ['t']));
      const save = (key: string, i1: number) =>
        store.saveResponse({
          waveId: 'w1',
          teamRef: 't',
          respondentKey: key,
          answers: { i1 },
        });
      const published = async () =>
        (await store.listPublications('w1')).get('t');
      await save('a', 1);
      await save('b', 2);
      expect(await store.refreshPublications('w1', 3)).toEqual([]);
      await save('c', 3);
      expect(await store.refreshPublications('w1', 3)).toEqual(['t']);
      expect(await published()).toEqual({
        respondents: 3,
        answers: [{ i1: 1 }, { i1: 2 }, { i1: 3 }],
      });
      // a changed answer and two new ones: not yet
      await save('a', 5);
      await save('d', 4);
      await save('e', 4);
      expect(await store.refreshPublications('w1', 3)).toEqual([]);
      expect((await published())?.answers).toEqual([
        { i1: 1 },
        { i1: 2 },
        { i1: 3 },
      ]);
      // the third new one: everything as it is now
      await save('f', 4);
      const [again] = await Promise.all([
        store.refreshPublications('w1', 3),
        store.refreshPublications('w1', 3),
      ]);
      expect(again).toEqual(expect.arrayContaining([]));
      expect(await published()).toEqual({
        respondents: 6,
        answers: [
          { i1: 2 },
          { i1: 3 },
          { i1: 4 },
          { i1: 4 },
          { i1: 4 },
          { i1: 5 },
        ],
      });
    });

    it('seals a closed wave: random keys, content order, answers kept', async () => {
      const { store, knex } = await createStore();
      await store.createWave({
        ...wave('w1', '2026-10-01T00:00:00.000Z', ['a', 'b']),
        closesAt: '2026-10-20T00:00:00.000Z',
      });
      await store.createWave(wave('w2', '2026-11-01T00:00:00.000Z', ['a']));
      const given = [
        ['b', 'k1', 3],
        ['a', 'k2', 5],
        ['a', 'k3', 1],
      ] as const;
      for (const [teamRef, respondentKey, i1] of given) {
        await store.saveResponse({
          waveId: 'w1',
          teamRef,
          respondentKey,
          answers: { i1 },
        });
      }
      expect(
        await store.listUnsealedClosedWaves('2026-11-30T00:00:00.000Z'),
      ).toEqual(['w1']);
      expect(
        await store.sealWave('w1', '2026-11-30T00:00:00.000Z', '{"kept":1}'),
      ).toBe(3);
      expect(await store.getSealedResults('w1')).toBe('{"kept":1}');
      expect(await store.getSealedResults('w2')).toBeUndefined();
      expect(
        await store.listUnsealedClosedWaves('2026-11-30T00:00:00.000Z'),
      ).toEqual([]);
      const rows = await knex('responses').select(
        'team_ref',
        'respondent_key',
        'answers',
      );
      expect(rows.map(r => [r.team_ref, r.answers])).toEqual([
        ['a', '{"i1":1}'],
        ['a', '{"i1":5}'],
        ['b', '{"i1":3}'],
      ]);
      for (const r of rows) {
        expect(['k1', 'k2', 'k3']).not.toContain(r.respondent_key);
        expect(r.respondent_key).toMatch(/^[0-9a-f]{64}$/);
      }
      expect(await store.getAnswers('w1', 'a', ['k2'])).toBeUndefined();
    });

    it('makes a secret once and keeps it', async () => {
      const { store } = await createStore();
      const [a, b] = await Promise.all([
        store.getOrCreateSecret('respondent-key'),
        store.getOrCreateSecret('respondent-key'),
      ]);
      expect(a).toMatch(/^[0-9a-f]{64}$/);
      expect(b).toBe(a);
      expect(await store.getOrCreateSecret('respondent-key')).toBe(a);
      expect(await store.getOrCreateSecret('other')).not.toBe(a);
    });

    it('migrates down and up again', async () => {
      const { knex } = await createStore();
      const directory = resolvePackagePath(
        '@teamflow/plugin-cognitive-load-backend',
        'migrations',
      );
      await knex.migrate.rollback({ directory }, true);
      expect(await knex.schema.hasTable('responses')).toBe(false);
      await knex.migrate.latest({ directory });
      expect(await knex.schema.hasTable('responses')).toBe(true);
    });
  },
);
