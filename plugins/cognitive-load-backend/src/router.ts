import { HttpAuthService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { z } from 'zod/v3';
import express from 'express';
import Router from 'express-promise-router';
import { WaveAnnouncer } from './service/WaveAnnouncer';
import { SurveyService } from './service/SurveyService';

// A calendar date that exists: Date.parse moves 2026-02-30 to March 2.
const realDate = (v: string) => {
  const [y, m, d] = v.slice(0, 10).split('-').map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  return (
    date.getUTCFullYear() === y &&
    date.getUTCMonth() === m - 1 &&
    date.getUTCDate() === d
  );
};

// An ISO date (taken as 00:00 UTC) or a full ISO instant, stored as an instant.
const instant = z
  .string()
  .max(40)
  .refine(v => /^\d{4}-\d{2}-\d{2}(T.*)?$/.test(v) && !isNaN(Date.parse(v)), {
    message: 'must be an ISO date (2026-11-30) or date-time',
  })
  .refine(v => !/^\d{4}-\d{2}-\d{2}/.test(v) || realDate(v), {
    message: 'is not a calendar date',
  })
  .transform(v =>
    new Date(v.length === 10 ? `${v}T00:00:00Z` : v).toISOString(),
  );

const waveSchema = z
  .object({
    title: z.string().trim().min(1).max(200),
    teams: z
      .array(
        z
          .string()
          .regex(
            /^group:[^/]+\/.+$/,
            'must be a group entity ref such as group:default/checkout',
          ),
      )
      .min(1)
      .max(5000),
    opensAt: instant,
    closesAt: instant,
    instrument: z
      .object({
        id: z.string().max(63),
        version: z.number().int().positive().optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

// The team travels in the body, not the path: request logs record paths
// with the time, and must not tie an answer to a team and a moment.
const answerSchema = z
  .object({
    team: z
      .string()
      .regex(
        /^group:[^/]+\/.+$/,
        'must be a group entity ref such as group:default/checkout',
      ),
    answers: z.record(z.unknown()),
  })
  .strict();

function parse<T>(schema: z.ZodType<T, any, any>, body: unknown): T {
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw new InputError(
      parsed.error.issues
        .map(i => `${i.path.join('.') || 'body'}: ${i.message}`)
        .join('; '),
    );
  }
  return parsed.data;
}

const teamRef = (req: express.Request) =>
  `group:${req.params.namespace}/${req.params.name}`;

/**
 * Routes of the cognitive-load backend; the service decides who may do what.
 * Request bodies are limited to 64 kB (answers are ~1 kB).
 *
 * @public
 */
export async function createRouter(options: {
  httpAuth: HttpAuthService;
  surveys: SurveyService;
  /** Tells the teams of a wave that opens at once (absent: no announcements). */
  announcer?: WaveAnnouncer;
}): Promise<express.Router> {
  const { httpAuth, surveys, announcer } = options;
  const router = Router();
  router.use(express.json({ limit: '64kb' }));
  const user = (req: express.Request) =>
    httpAuth.credentials(req, { allow: ['user'] });
  const anyone = (req: express.Request) =>
    httpAuth.credentials(req, { allow: ['user', 'service'] });

  router.get('/instruments', async (req, res) => {
    await anyone(req);
    res.json(surveys.instruments());
  });

  router.get('/waves', async (req, res) => {
    res.json(await surveys.listWaves(await anyone(req)));
  });

  router.post('/waves', async (req, res) => {
    const credentials = await user(req);
    const input = parse(waveSchema, req.body);
    const wave = await surveys.openWave(credentials, input);
    // A wave already open is announced now rather than within the minute.
    await announcer?.announce();
    res.status(201).json({ wave });
  });

  router.post('/waves/:id/close', async (req, res) => {
    res.json({ wave: await surveys.closeWave(await user(req), req.params.id) });
  });

  router.get('/waves/:id/progress', async (req, res) => {
    res.json(await surveys.progress(await user(req), req.params.id));
  });

  router.get('/my/surveys', async (req, res) => {
    res.json(await surveys.mySurveys(await user(req)));
  });

  router.put('/waves/:id/response', async (req, res) => {
    const credentials = await user(req);
    const { team, answers } = parse(answerSchema, req.body);
    res.json(await surveys.answer(credentials, req.params.id, team, answers));
  });

  router.get('/results/teams/:namespace/:name', async (req, res) => {
    res.json(await surveys.teamResults(await anyone(req), teamRef(req)));
  });

  router.get('/results/heatmap', async (req, res) => {
    const wave = req.query.wave;
    if (wave !== undefined && typeof wave !== 'string') {
      throw new InputError("Query parameter 'wave' must be given once");
    }
    res.json(await surveys.heatmap(await anyone(req), wave || undefined));
  });

  return router;
}
