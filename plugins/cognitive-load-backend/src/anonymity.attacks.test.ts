/*
 * The anonymity attacks, run as a determined insider would: the demo
 * organisation's real people and teams (examples/org), k = 3 as in the demo,
 * the plugin's real HTTP API, and the real store on SQLite and PostgreSQL.
 * Each attack is the one the threat model in
 * plugins/cognitive-load-common/README.md names; each asserts that nothing
 * about fewer than k people can be read or computed.
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  TestDatabases,
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import {
  LoggerService,
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { Entity } from '@backstage/catalog-model';
import {
  Answers,
  DEFAULT_INSTRUMENT,
} from '@teamflow/plugin-cognitive-load-common';
import { parseAllDocuments } from 'yaml';
import request from 'supertest';
import { Knex } from 'knex';
import { cognitiveLoadPlugin } from './plugin';
import { legacyRespondentKey, respondentKey } from './service/respondentKey';

jest.setTimeout(120_000);

const SECRET = 'attack-suite-respondent-key-secret';
const K = 3;
const CTO = 'ines.duarte'; // portal admin: reads every team's results
const WAVE_OWNER = 'lars.berg'; // platform team member: opens waves

// The demo organisation as the catalog holds it: relations both ways.
function demoOrganisation(): Entity[] {
  // eslint-disable-next-line no-restricted-syntax
  const folder = path.resolve(__dirname, '../../../examples/org');
  const raw = fs
    .readdirSync(folder)
    .filter(f => f.endsWith('.yaml'))
    .flatMap(f =>
      parseAllDocuments(fs.readFileSync(path.join(folder, f), 'utf8')).map(
        d => d.toJS() as Entity,
      ),
    );
  const users = raw.filter(e => e.kind === 'User');
  return raw.map(e => {
    if (e.kind === 'Group') {
      const spec = e.spec as { parent?: string };
      return {
        ...e,
        relations: [
          ...(spec.parent
            ? [{ type: 'childOf', targetRef: `group:default/${spec.parent}` }]
            : []),
          ...users
            .filter(u =>
              ((u.spec as any).memberOf ?? []).includes(e.metadata.name),
            )
            .map(u => ({
              type: 'hasMember',
              targetRef: `user:default/${u.metadata.name}`,
            })),
        ],
      };
    }
    return e;
  });
}
const ORG = demoOrganisation();
const teamsOf = (person: string) =>
  ((ORG.find(e => e.kind === 'User' && e.metadata.name === person)?.spec as any)
    ?.memberOf ?? []) as string[];

const as = (person: string) =>
  mockCredentials.user.header(`user:default/${person}`);

// Every log line the plugin writes, to look for answers tied to teams.
const logLines: string[] = [];
const recordingLogger: LoggerService = {
  error: (m, meta) => void logLines.push(`${m} ${JSON.stringify(meta ?? {})}`),
  warn: (m, meta) => void logLines.push(`${m} ${JSON.stringify(meta ?? {})}`),
  info: (m, meta) => void logLines.push(`${m} ${JSON.stringify(meta ?? {})}`),
  debug: (m, meta) => void logLines.push(`${m} ${JSON.stringify(meta ?? {})}`),
  child: () => recordingLogger,
};

// Scheduled tasks, run by the test when it wants (the sealing of closed waves).
const tasks = new Map<string, () => Promise<unknown>>();

async function startPortal(
  knex: Knex,
  entities: Entity[] = ORG,
  extraConfig: object = {},
) {
  const memberOf = (ref: string) =>
    ((
      entities.find(
        e => e.kind === 'User' && `user:default/${e.metadata.name}` === ref,
      )?.spec as any
    )?.memberOf ?? []) as string[];
  const { server } = await startTestBackend({
    features: [
      cognitiveLoadPlugin,
      catalogServiceMock.factory({ entities }),
      mockServices.database.factory({ knex }),
      mockServices.scheduler.mock({
        scheduleTask: async (task: any) => {
          tasks.set(task.id, task.fn);
        },
      }).factory,
      createServiceFactory({
        service: coreServices.logger,
        deps: {},
        factory: () => recordingLogger,
      }),
      mockServices.rootConfig.factory({
        data: {
          cognitiveLoad: {
            minimumResponses: K,
            respondentKeySecret: SECRET,
            showOpenWaveResults: true,
            ...extraConfig,
          },
        },
      }),
      mockServices.userInfo.mock({
        getUserInfo: async (credentials: any) => {
          const ref: string = credentials.principal.userEntityRef;
          return {
            userEntityRef: ref,
            ownershipEntityRefs: [
              ref,
              ...memberOf(ref).map(g => `group:default/${g}`),
            ],
          };
        },
      }).factory,
      mockServices.permissions.mock({
        authorize: async (requests: any[], options: any) =>
          requests.map(() => ({
            result:
              options.credentials.principal.userEntityRef ===
              `user:default/${CTO}`
                ? AuthorizeResult.ALLOW
                : AuthorizeResult.DENY,
          })),
      }).factory,
    ],
  });
  return server;
}

const day = 86_400_000;
const iso = (offsetDays: number) =>
  new Date(Date.now() + offsetDays * day).toISOString();

/** Answers whose every statement scores `score` (0, 25, 50, 75 or 100). */
function answersScoring(score: number): Answers {
  const agreement = 1 + score / 25;
  return Object.fromEntries(
    DEFAULT_INSTRUMENT.items.map(i => {
      const towards =
        i.subscale === 'germane'
          ? i.polarity === 'positive'
          : i.polarity === 'negative';
      return [i.id, towards ? agreement : 6 - agreement];
    }),
  );
}

/** A request the attack needs to succeed: anything else is a broken test. */
function check(res: request.Response, status: number) {
  if (res.status !== status) {
    throw new Error(
      `expected ${status}, got ${res.status} ${JSON.stringify(res.body)}`,
    );
  }
}

class Portal {
  constructor(readonly server: any) {}

  async openWave(teams: string[], title = 'Attack wave') {
    const res = await request(this.server)
      .post('/api/cognitive-load/waves')
      .set('Authorization', as(WAVE_OWNER))
      .send({
        title,
        teams: teams.map(t => `group:default/${t}`),
        opensAt: iso(-1),
        closesAt: iso(14),
      });
    check(res, 201);
    return res.body.wave.id as string;
  }

  async answer(waveId: string, person: string, team: string, answers: Answers) {
    const res = await request(this.server)
      .put(`/api/cognitive-load/waves/${waveId}/response`)
      .set('Authorization', as(person))
      .send({ team: `group:default/${team}`, answers });
    check(res, 200);
  }

  async close(waveId: string) {
    const res = await request(this.server)
      .post(`/api/cognitive-load/waves/${waveId}/close`)
      .set('Authorization', as(WAVE_OWNER));
    check(res, 200);
  }

  async teamResults(team: string, person = CTO) {
    const res = await request(this.server)
      .get(`/api/cognitive-load/results/teams/default/${team}`)
      .set('Authorization', as(person));
    check(res, 200);
    return res.body;
  }

  async heatmap(waveId: string) {
    const res = await request(this.server)
      .get(`/api/cognitive-load/results/heatmap?wave=${waveId}`)
      .set('Authorization', as(CTO));
    check(res, 200);
    return res.body;
  }

  async row(waveId: string, group: string) {
    return (await this.heatmap(waveId)).rows.find(
      (r: any) => r.ref === `group:default/${group}`,
    );
  }
}

/** Every number published anywhere in a results body. */
function publishedMeasures(body: unknown): any[] {
  const found: any[] = [];
  const walk = (v: any) => {
    if (!v || typeof v !== 'object') return;
    if (typeof v.median === 'number') found.push(v);
    Object.values(v).forEach(walk);
  };
  walk(body);
  return found;
}

const databases = TestDatabases.create();

describe.each(databases.eachSupportedId())('anonymity attacks on %s', id => {
  let portal: Portal;
  let knex: Knex;
  beforeEach(async () => {
    knex = await databases.init(id);
    portal = new Portal(await startPortal(knex));
    logLines.length = 0;
  });

  it('1. spreads: no quartiles, so three people’s answers cannot be solved from median and spread', async () => {
    const wave = await portal.openWave(['checkout', 'discovery']);
    // Checkout's three people answer 25, 50 and 100: before, median 50,
    // p25 37.5, p75 75 gave 2·37.5 − 50 = 25 and 2·75 − 50 = 100.
    await portal.answer(wave, 'maya.okafor', 'checkout', answersScoring(25));
    await portal.answer(wave, 'daniel.cho', 'checkout', answersScoring(50));
    await portal.answer(wave, 'lea.fontaine', 'checkout', answersScoring(100));
    // Discovery's four: a member who knows her own answer and the others'
    // quartiles solved the other three.
    for (const [p, s] of [
      ['priya.raman', 0],
      ['jonas.keller', 25],
      ['sofia.marin', 75],
      ['kwame.asante', 100],
    ] as const) {
      await portal.answer(wave, p, 'discovery', answersScoring(s));
    }
    await portal.close(wave);
    const bodies = [
      await portal.teamResults('checkout'),
      await portal.teamResults('discovery', 'priya.raman'),
      await portal.heatmap(wave),
    ];
    const measures = bodies.flatMap(publishedMeasures);
    expect(measures.length).toBeGreaterThan(0);
    for (const m of measures) {
      // The median and n only; a spread band only from 2k = 6 people.
      expect(Object.keys(m).sort()).toEqual(
        m.n >= 2 * K ? ['median', 'n', 'spread'] : ['median', 'n'],
      );
    }
    // Checkout load: only the middle answer, 50, is published — the 25 and
    // 100 appear nowhere.
    const checkout = (await portal.teamResults('checkout')).waves[0].scores;
    expect(checkout.load).toEqual({ median: 50, n: 3 });
    const shopping = await portal.row(wave, 'shopping');
    // the business unit has 7 people: a band, not a range
    expect(shopping.scores.load).toEqual({
      median: 50,
      n: 7,
      spread: 'wide',
    });
  });

  it('2. "not applicable" padding: a part fewer than k answered is withheld, in the team and in every roll-up above it', async () => {
    const wave = await portal.openWave([
      'checkout',
      'discovery',
      'customer-accounts',
    ]);
    // Maya answers one intrinsic statement and marks the rest not applicable.
    const intrinsicOnly = Object.fromEntries(
      DEFAULT_INSTRUMENT.items.map((i, n) => [
        i.id,
        i.subscale === 'intrinsic' && n === 0 ? 3 : null,
      ]),
    );
    await portal.answer(wave, 'maya.okafor', 'checkout', intrinsicOnly);
    await portal.answer(wave, 'daniel.cho', 'checkout', answersScoring(25));
    await portal.answer(wave, 'lea.fontaine', 'checkout', answersScoring(75));
    for (const p of ['priya.raman', 'jonas.keller', 'sofia.marin']) {
      await portal.answer(wave, p, 'discovery', answersScoring(50));
    }
    for (const p of ['rahul.mehta', 'hannah.schmidt', 'oskar.nilsson']) {
      await portal.answer(wave, p, 'customer-accounts', answersScoring(50));
    }
    await portal.close(wave);
    const checkout = (await portal.teamResults('checkout')).waves[0];
    expect(checkout.status).toBe('released');
    expect(checkout.scores.n).toBe(3);
    // extraneous, flow and headroom come from Daniel and Lea only: withheld.
    expect(Object.keys(checkout.scores.subscales)).toEqual(['intrinsic']);
    expect(checkout.scores.withheld.sort()).toEqual([
      'extraneous',
      'flow',
      'germane',
    ]);
    // Subtraction per part: Shopping's extraneous minus Discovery's and
    // Customer Accounts' would be Daniel's and Lea's, so Shopping withholds
    // it too; intrinsic (3 people in every team) is shown.
    const shopping = await portal.row(wave, 'shopping');
    expect(shopping.status).toBe('released');
    expect(shopping.scores.subscales.intrinsic).toBeDefined();
    expect(shopping.scores.subscales.extraneous).toBeUndefined();
    expect(shopping.scores.withheld).toEqual(
      expect.arrayContaining(['extraneous', 'flow', 'germane']),
    );
    for (const m of publishedMeasures(await portal.heatmap(wave))) {
      expect(m.n).toBeGreaterThanOrEqual(K);
    }
  });

  it('3. a person in two teams counts once: no roll-up of 2 people presented as 3', async () => {
    // Noah Fischer is in Reliability Enablement and Cloud Infrastructure.
    expect(teamsOf('noah.fischer').sort()).toEqual([
      'cloud-infrastructure',
      'reliability-enablement',
    ]);
    const wave = await portal.openWave([
      'reliability-enablement',
      'cloud-infrastructure',
    ]);
    await portal.answer(
      wave,
      'noah.fischer',
      'reliability-enablement',
      answersScoring(75),
    );
    await portal.answer(
      wave,
      'noah.fischer',
      'cloud-infrastructure',
      answersScoring(75),
    );
    await portal.answer(
      wave,
      'leila.karimi',
      'reliability-enablement',
      answersScoring(0),
    );
    await portal.close(wave);
    // 3 responses, 2 people: nothing above the teams is shown.
    for (const group of ['technology', 'basketly']) {
      const row = await portal.row(wave, group);
      expect([group, row.status, row.scores]).toEqual([
        group,
        'not-enough-responses',
        undefined,
      ]);
    }
    expect((await portal.heatmap(wave)).coverage).toEqual({
      teams: 2,
      teamsWithResults: 0,
      people: 2,
    });
    // A third person makes it 3 people: the roll-up shows, with n = 3.
    const next = await portal.openWave(
      ['reliability-enablement', 'cloud-infrastructure'],
      'Second',
    );
    await portal.answer(
      next,
      'noah.fischer',
      'reliability-enablement',
      answersScoring(75),
    );
    await portal.answer(
      next,
      'noah.fischer',
      'cloud-infrastructure',
      answersScoring(75),
    );
    await portal.answer(
      next,
      'leila.karimi',
      'reliability-enablement',
      answersScoring(0),
    );
    await portal.answer(
      next,
      'mikko.virtanen',
      'cloud-infrastructure',
      answersScoring(50),
    );
    await portal.close(next);
    const technology = await portal.row(next, 'technology');
    expect(technology.status).toBe('released');
    expect(technology.scores.n).toBe(3);
    // Each team is below k on its own and says where it is counted.
    const re = (await portal.teamResults('reliability-enablement')).waves[1];
    expect([re.status, re.scores, re.countedIn?.ref]).toEqual([
      'not-enough-responses',
      undefined,
      'group:default/technology',
    ]);
  });

  it('4. watching an open wave: a changed answer or one new answer never moves the results', async () => {
    const wave = await portal.openWave(['discovery', 'checkout']);
    await portal.answer(wave, 'priya.raman', 'discovery', answersScoring(0));
    await portal.answer(wave, 'jonas.keller', 'discovery', answersScoring(50));
    await portal.answer(wave, 'sofia.marin', 'discovery', answersScoring(100));
    const first = await portal.teamResults('discovery');
    expect(first.waves[0].scores.load).toEqual({ median: 50, n: 3 });
    // Jonas changes his answer from 50 to 75: before, the median moved to 75
    // and gave his new score away.
    await portal.answer(wave, 'jonas.keller', 'discovery', answersScoring(75));
    expect(await portal.teamResults('discovery')).toEqual(first);
    // Kwame answers (4 of the 3 more needed): nothing moves either.
    await portal.answer(wave, 'kwame.asante', 'discovery', answersScoring(100));
    expect(await portal.teamResults('discovery')).toEqual(first);
    // The org heatmap shows no roll-up of an open wave to compare over time.
    const heatmap = await portal.heatmap(wave);
    for (const r of heatmap.rows.filter((x: any) => !x.surveyed)) {
      expect([r.ref, r.status]).toEqual([r.ref, 'at-close']);
    }
    // Closing with fewer than k new answers since the last step keeps the
    // published results: the close does not isolate Kwame either.
    await portal.close(wave);
    const closed = await portal.teamResults('discovery');
    expect(closed.waves[0].scores).toEqual(first.waves[0].scores);
  });

  it('4b. one new answer after a step does not move an open wave', async () => {
    const wave = await portal.openWave(['cloud-infrastructure', 'checkout']);
    const answered = [
      ['mikko.virtanen', 0],
      ['chloe.martin', 0],
      ['diego.santos', 25],
    ] as const;
    for (const [p, s] of answered) {
      await portal.answer(wave, p, 'cloud-infrastructure', answersScoring(s));
    }
    const first = (await portal.teamResults('cloud-infrastructure')).waves[0];
    expect(first.scores.load).toEqual({ median: 0, n: 3 });
    await portal.answer(
      wave,
      'noah.fischer',
      'cloud-infrastructure',
      answersScoring(100),
    );
    // 4 people, 1 new: unchanged (the step needs 3 new).
    expect(
      (await portal.teamResults('cloud-infrastructure')).waves[0].scores,
    ).toEqual(first.scores);
  });

  it('5. storage and logs: after the close nobody, not even with the secret, can tell whose answers a row holds', async () => {
    const wave = await portal.openWave([
      'reliability-enablement',
      'cloud-infrastructure',
      'checkout',
    ]);
    const given: Array<[string, string, number]> = [
      ['noah.fischer', 'reliability-enablement', 75],
      ['noah.fischer', 'cloud-infrastructure', 25],
      ['leila.karimi', 'reliability-enablement', 0],
      ['lea.fontaine', 'checkout', 100],
      ['maya.okafor', 'checkout', 0],
      ['daniel.cho', 'checkout', 50],
    ];
    for (const [p, t, s] of given) {
      await portal.answer(wave, p, t, answersScoring(s));
    }
    // While open, one person's answers for two teams share no key.
    const keys = await knex('responses')
      .where({ wave_id: wave })
      .select('team_ref', 'respondent_key');
    expect(new Set(keys.map(k => k.respondent_key)).size).toBe(given.length);

    await portal.close(wave);
    const sealedBefore = await knex('waves').where({ id: wave }).first();
    expect(sealedBefore.sealed_at).toBeNull();
    // The scheduled task seals closed waves; run it now.
    await tasks.get('cognitive-load-seal-closed-waves')!();
    expect(
      (await knex('waves').where({ id: wave }).first()).sealed_at,
    ).not.toBeNull();
    const rows = await knex('responses')
      .where({ wave_id: wave })
      .select('team_ref', 'respondent_key', 'answers');
    expect(rows).toHaveLength(given.length);
    // Someone with the database and the secret tries every demo person.
    const people = ORG.filter(e => e.kind === 'User').map(
      e => `user:default/${e.metadata.name}`,
    );
    const candidates = new Set(
      people.flatMap(u => [
        legacyRespondentKey(SECRET, wave, u),
        ...rows.map(r => respondentKey(SECRET, wave, r.team_ref, u)),
      ]),
    );
    for (const r of rows) expect(candidates.has(r.respondent_key)).toBe(false);
    // Row order is content order, not the order people answered in.
    const stored = rows.map(r => `${r.team_ref} ${r.answers}`);
    expect(stored).toEqual([...stored].sort((a, b) => a.localeCompare(b)));
    // Nobody can change a sealed answer, and results still count everyone.
    const checkout = (await portal.teamResults('checkout')).waves[0];
    expect(checkout.scores.n).toBe(3);
    // No log line ties an answer to a team.
    for (const line of logLines) {
      expect(line).not.toMatch(
        /reliability-enablement|cloud-infrastructure|group:default\/checkout/,
      );
    }
    // The route that put the team in the request path (and so in request
    // logs with a time) is gone.
    const old = await request(portal.server)
      .put(`/api/cognitive-load/waves/${wave}/teams/default/checkout/response`)
      .set('Authorization', as('maya.okafor'))
      .send({ answers: answersScoring(0) });
    expect(old.status).toBe(404);
  });

  it('6. roll-up differences: a business unit minus the teams shown inside it never leaves fewer than k people', async () => {
    const wave = await portal.openWave(['merchant-portal', 'partner-billing']);
    for (const p of ['sam.oconnor', 'julia.rossi', 'ivan.horvat']) {
      await portal.answer(wave, p, 'merchant-portal', answersScoring(50));
    }
    for (const p of ['grace.liu', 'peter.novak']) {
      await portal.answer(wave, p, 'partner-billing', answersScoring(100));
    }
    await portal.close(wave);
    const h = await portal.heatmap(wave);
    const status = (g: string) =>
      h.rows.find((r: any) => r.ref === `group:default/${g}`).status;
    expect(status('merchant-portal')).toBe('released');
    expect(status('partner-billing')).toBe('not-enough-responses');
    // Partners (5) − Merchant Portal (3) = Partner Billing's 2: hidden, and
    // so is the organisation above it, for the same reason.
    expect(status('partners')).toBe('suppressed');
    expect(status('basketly')).toBe('suppressed');
  });

  it('7. membership moves between waves: a team that drops below k shows neither results nor a change', async () => {
    const first = await portal.openWave(['checkout'], 'Before the move');
    for (const [p, s] of [
      ['maya.okafor', 25],
      ['daniel.cho', 50],
      ['lea.fontaine', 75],
    ] as const) {
      await portal.answer(first, p, 'checkout', answersScoring(s));
    }
    await portal.close(first);
    // Lea moves from Checkout to Discovery; the portal restarts on the same
    // database with the new organisation.
    const moved = ORG.map(e =>
      e.kind === 'User' && e.metadata.name === 'lea.fontaine'
        ? { ...e, spec: { ...e.spec, memberOf: ['discovery'] } }
        : e,
    ).map(e =>
      e.kind === 'Group' && ['checkout', 'discovery'].includes(e.metadata.name)
        ? {
            ...e,
            relations: (e.relations ?? [])
              .filter(r => r.targetRef !== 'user:default/lea.fontaine')
              .concat(
                e.metadata.name === 'discovery'
                  ? [
                      {
                        type: 'hasMember',
                        targetRef: 'user:default/lea.fontaine',
                      },
                    ]
                  : [],
              ),
          }
        : e,
    );
    const after = new Portal(await startPortal(knex, moved));
    const second = await after.openWave(['checkout'], 'After the move');
    await after.answer(second, 'maya.okafor', 'checkout', answersScoring(100));
    await after.answer(second, 'daniel.cho', 'checkout', answersScoring(50));
    await after.close(second);
    const lines = (await after.teamResults('checkout')).waves;
    expect(lines.map((l: any) => [l.wave.title, l.status, l.change])).toEqual([
      ['Before the move', 'released', undefined],
      ['After the move', 'not-enough-responses', undefined],
    ]);
    expect(lines[1].scores).toBeUndefined();
  });

  it('8. a reorganisation after the close does not re-derive closed results under a new hierarchy', async () => {
    const wave = await portal.openWave(['merchant-portal', 'partner-billing']);
    for (const p of ['sam.oconnor', 'julia.rossi', 'ivan.horvat']) {
      await portal.answer(wave, p, 'merchant-portal', answersScoring(50));
    }
    for (const p of ['grace.liu', 'peter.novak']) {
      await portal.answer(wave, p, 'partner-billing', answersScoring(100));
    }
    await portal.close(wave);
    await tasks.get('cognitive-load-seal-closed-waves')!();
    const before = await portal.heatmap(wave);
    // Partner Billing moves under Technology: recomputed, Partners would be
    // Merchant Portal alone (shown), Technology a roll-up holding Partner
    // Billing's two people beside its other teams, and old and new
    // roll-ups could be set against each other.
    const reorganised = ORG.map(e =>
      e.kind === 'Group' && e.metadata.name === 'partner-billing'
        ? {
            ...e,
            spec: { ...e.spec, parent: 'technology' },
            relations: (e.relations ?? [])
              .filter(r => r.type !== 'childOf')
              .concat([
                { type: 'childOf', targetRef: 'group:default/technology' },
              ]),
          }
        : e,
    );
    const after = new Portal(await startPortal(knex, reorganised));
    expect(await after.heatmap(wave)).toEqual(before);
  });

  it('9. differentially private roll-ups: noisy means with their error instead of hidden groups, the same noise on every read', async () => {
    const dp = new Portal(
      await startPortal(knex, ORG, { differentialPrivacy: { epsilon: 1 } }),
    );
    const wave = await dp.openWave(['merchant-portal', 'partner-billing']);
    for (const p of ['sam.oconnor', 'julia.rossi', 'ivan.horvat']) {
      await dp.answer(wave, p, 'merchant-portal', answersScoring(50));
    }
    for (const p of ['grace.liu', 'peter.novak']) {
      await dp.answer(wave, p, 'partner-billing', answersScoring(100));
    }
    await dp.close(wave);
    const partners = await dp.row(wave, 'partners');
    // Without noise Partners would be hidden (attack 6). With it, a mean of
    // 5 people: the true mean is (3·50 + 2·100) / 5 = 70, the scale
    // b = 100 / (5 · 1) = 20 points, shown as the expected error.
    expect(partners.status).toBe('released');
    expect(partners.scores.load).toEqual({
      median: expect.any(Number),
      n: 5,
      private: { expectedError: 20, epsilon: 1 },
    });
    // Asking again draws no fresh noise to average away.
    for (let i = 0; i < 3; i++) {
      expect((await dp.row(wave, 'partners')).scores.load.median).toBe(
        partners.scores.load.median,
      );
    }
    // Teams keep their exact medians under the k rules; a team below k
    // stays hidden.
    const merchant = await dp.row(wave, 'merchant-portal');
    expect(merchant.scores.load).toEqual({ median: 50, n: 3 });
    expect((await dp.row(wave, 'partner-billing')).scores).toBeUndefined();
  });
});
