import express from 'express';
import Router from 'express-promise-router';
import { HttpAuthService } from '@backstage/backend-plugin-api';
import { AuthenticationError, InputError } from '@backstage/errors';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { AnalyticsService } from './AnalyticsService';

/** Where Segment-compatible sources send (`apiHost`/`host` + `/v1/...`). */
export const ANALYTICS_INGEST_PATH = '/analytics';

function writeKeyOf(req: express.Request): string | undefined {
  // Segment's HTTP API: Basic auth with the write key as the user name and
  // no password, or `writeKey` in the body.
  const header = req.header('authorization');
  if (header?.toLocaleLowerCase('en-US').startsWith('basic ')) {
    const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString(
      'utf8',
    );
    const colon = decoded.indexOf(':');
    return colon === -1 ? decoded : decoded.slice(0, colon);
  }
  const body = req.body as { writeKey?: unknown } | undefined;
  return typeof body?.writeKey === 'string' ? body.writeKey : undefined;
}

function refParam(value: unknown, name: string, kind: string) {
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string' || value.length > 300)
    throw new InputError(`Query parameter '${name}' must be given once`);
  try {
    const ref = parseEntityRef(value, {
      defaultKind: kind,
      defaultNamespace: 'default',
    });
    if (
      ref.kind.toLocaleLowerCase('en-US') !== kind ||
      !/^[a-z0-9][-_.a-z0-9]*$/i.test(ref.namespace) ||
      !/^[a-z0-9][-_.a-z0-9]*$/i.test(ref.name)
    )
      throw new Error();
    return stringifyEntityRef(ref).toLocaleLowerCase('en-US');
  } catch {
    throw new InputError(
      `Query parameter '${name}' must be a ${kind} entity ref such as ${kind}:default/example, got '${value}'`,
    );
  }
}

function weeksParam(value: unknown) {
  const text = value ?? '4';
  const weeks = Number(text);
  if (
    typeof text !== 'string' ||
    !Number.isInteger(weeks) ||
    weeks < 1 ||
    weeks > 52
  )
    throw new InputError(
      "Query parameter 'weeks' must be a whole number from 1 to 52",
    );
  return weeks;
}

/**
 * Product analytics routes:
 * - `POST /analytics/v1/{identify,track,batch,import}` — Segment HTTP
 *   Tracking API calls, authenticated by a source's write key (not a
 *   Backstage token: the sources are product apps);
 * - `GET /analytics/usage?persona=|feature=|team=&weeks=` — usage per feature and
 *   persona, for signed-in users and services;
 * - `GET /analytics/personas?weeks=` — every persona's engagement against
 *   the weeks before, falling most first.
 */
export function createAnalyticsRouter(options: {
  httpAuth: HttpAuthService;
  analytics: AnalyticsService;
}): express.Router {
  const { httpAuth, analytics } = options;
  const router = Router();

  const ingest = Router();
  ingest.use(express.json({ limit: '600kb', type: () => true }));
  // A body that is not JSON, or larger than Segment's 500 KB batch limit,
  // is the client's mistake.
  ingest.use(
    (
      err: any,
      _req: express.Request,
      _res: express.Response,
      next: express.NextFunction,
    ) => {
      if (err?.type === 'entity.parse.failed')
        next(new InputError(`The body is not valid JSON: ${err.message}`));
      else if (err?.type === 'entity.too.large')
        next(
          new InputError(
            'The body is larger than 600 KB; Segment batches are at most 500 KB',
          ),
        );
      else next(err);
    },
  );
  const routes = {
    identify: 'identify',
    track: 'track',
    batch: 'batch',
    import: 'batch',
  } as const;
  for (const [path, route] of Object.entries(routes)) {
    ingest.post(`/v1/${path}`, async (req, res) => {
      if (!analytics.settings.sources.length)
        throw new AuthenticationError(
          'No product analytics source is configured (teamflow.analytics.sources)',
        );
      const source = analytics.sourceOf(writeKeyOf(req));
      if (!source)
        throw new AuthenticationError(
          'A valid write key is required: HTTP Basic with the write key as the user name, or writeKey in the body',
        );
      const result = await analytics.ingest(source, route, req.body);
      const stored = result.accepted + result.duplicates + result.ignored;
      if (stored === 0 && result.rejected.length) {
        res.status(400).json({
          error: {
            name: 'InputError',
            message: `no call was stored: ${result.rejected
              .slice(0, 3)
              .map(r => `[${r.index}] ${r.message}`)
              .join('; ')}`,
          },
          ...result,
        });
        return;
      }
      res
        .status(result.rejected.length ? 207 : 200)
        .json({ success: true, ...result });
    });
  }
  // Teamflow's own addition: series for North Star metrics that product
  // analytics does not compute, with the same write keys.
  ingest.post('/v1/series', async (req, res) => {
    const source = analytics.sourceOf(writeKeyOf(req));
    if (!source)
      throw new AuthenticationError(
        'A valid write key is required: HTTP Basic with the write key as the user name, or writeKey in the body',
      );
    res.json(await analytics.ingestSeries(source, req.body));
  });
  router.use(ANALYTICS_INGEST_PATH, ingest);

  router.get('/analytics/usage', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const persona = refParam(req.query.persona, 'persona', 'persona');
    const feature = refParam(req.query.feature, 'feature', 'feature');
    const team = refParam(req.query.team, 'team', 'group');
    if (!persona && !feature && !team)
      throw new InputError(
        "Query parameter 'persona', 'feature' or 'team' is required",
      );
    const weeks = weeksParam(req.query.weeks);
    res.json(
      await analytics.usage({ persona, feature, team, weeks }, credentials),
    );
  });
  router.get('/analytics/north-stars', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    res.json({ trees: await analytics.northStars(credentials) });
  });

  router.get('/analytics/personas', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    res.json(
      await analytics.engagement(weeksParam(req.query.weeks), credentials),
    );
  });
  return router;
}
