import express from 'express';
import Router from 'express-promise-router';
import { CloudEvent, HTTP } from 'cloudevents';
import { HttpAuthService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { SourcedEvent } from '@teamflow/plugin-delivery-node';
import {
  DeliveryService,
  MAX_BATCH,
  parseWindow,
} from '../service/DeliveryService';
import { EventProblem, fromCloudEvent } from './cloudevents';

const ONLY = ['failed', 'rework', 'with-changes', 'without-changes'] as const;

function optionalString(req: express.Request, name: string) {
  const v = req.query[name];
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || !v || v.length > 255)
    throw new InputError(`${name} must be a single non-empty value`);
  return v;
}

/**
 * Routes of the delivery backend.
 *
 * - `POST /events` — CDEvents in CloudEvents structured JSON: one event
 *   (`application/cloudevents+json` or `application/json`), a batch
 *   (`application/cloudevents-batch+json`, or a JSON array), or one event in
 *   binary mode (`ce-*` headers). Needs `delivery.events.ingest`.
 * - `GET /metrics` — `entityRef` or `teamRef` (+ `includeChildTeams`),
 *   `from`, `to` (YYYY-MM-DD, default the last 90 days), `environment`.
 * - `GET /metrics/org` — every team and the organisation.
 * - `GET /drill-down` — the events behind the numbers (`only`, `limit`).
 * - `GET /ownership` — an entity's ownership timeline (`entityRef`).
 * - `POST /ownership` — an admin declares an earlier owner (`delivery.admin`).
 * - `GET /admin/sources` — sources' cursors and backfill progress (`delivery.admin`).
 *
 * @public
 */
export async function createRouter(options: {
  httpAuth: HttpAuthService;
  delivery: DeliveryService;
  now?: () => number;
}): Promise<express.Router> {
  const { httpAuth, delivery } = options;
  const now = options.now ?? (() => Date.now());
  const router = Router();
  router.use(
    express.json({
      limit: '5mb',
      type: [
        'application/json',
        'application/cloudevents+json',
        'application/cloudevents-batch+json',
      ],
    }),
  );
  const credentials = (req: express.Request) =>
    httpAuth.credentials(req, { allow: ['user', 'service'] });

  router.post('/events', async (req, res) => {
    const creds = await credentials(req);
    await delivery.authorizeIngest(creds);
    let raw: unknown[];
    let single = false;
    if (req.header('ce-type')) {
      // Binary mode: attributes in headers, the CDEvent as the body.
      try {
        const event = HTTP.toEvent({
          headers: req.headers as Record<string, string>,
          body: req.body,
        }) as CloudEvent<unknown> | CloudEvent<unknown>[];
        raw = Array.isArray(event)
          ? event.map(e => e.toJSON())
          : [event.toJSON()];
      } catch (e: any) {
        throw new InputError(`not a valid CloudEvent: ${e?.message ?? e}`);
      }
      single = true;
    } else if (Array.isArray(req.body)) {
      raw = req.body;
    } else if (
      req.body &&
      typeof req.body === 'object' &&
      Object.keys(req.body).length
    ) {
      raw = [req.body];
      single = true;
    } else {
      throw new InputError(
        'the body must be a CloudEvent or a batch (JSON array) of CloudEvents, sent as application/cloudevents+json, application/cloudevents-batch+json or application/json',
      );
    }
    if (raw.length === 0) throw new InputError('the batch is empty');
    if (raw.length > MAX_BATCH) {
      res.status(413).json({
        error: {
          name: 'PayloadTooLargeError',
          message: `a batch may hold at most ${MAX_BATCH} events; this one has ${raw.length}. Split it.`,
        },
      });
      return;
    }
    const at = now();
    const parsed = raw.map((item, index) => {
      try {
        return {
          source: 'cdevents',
          event: fromCloudEvent(item, at),
        } as SourcedEvent;
      } catch (e) {
        if (e instanceof EventProblem)
          return {
            index,
            problem: e.message,
            id:
              typeof (item as any)?.id === 'string'
                ? (item as any).id
                : undefined,
          };
        throw e;
      }
    });
    const result = await delivery.ingest(parsed);
    result.rejected.sort((a, b) => a.index - b.index);
    const stored = result.accepted + result.updated + result.duplicates;
    if (stored === 0) {
      res.status(400).json({
        error: {
          name: 'InputError',
          message: single
            ? result.rejected[0].message
            : `no event of the batch was stored: ${result.rejected
                .slice(0, 3)
                .map(r => `[${r.index}] ${r.message}`)
                .join('; ')}`,
        },
        ...result,
      });
      return;
    }
    res.status(result.rejected.length ? 207 : 200).json(result);
  });

  const scopeQuery = (req: express.Request) => {
    const include = optionalString(req, 'includeChildTeams');
    if (include !== undefined && include !== 'true' && include !== 'false')
      throw new InputError('includeChildTeams must be true or false');
    return {
      entityRef: optionalString(req, 'entityRef'),
      teamRef: optionalString(req, 'teamRef'),
      includeChildTeams: include !== 'false',
      environment: optionalString(req, 'environment'),
      window: parseWindow(req.query.from, req.query.to, now()),
    };
  };

  const reader = async (req: express.Request) => {
    const creds = await credentials(req);
    await delivery.authorizeRead(creds);
    return creds;
  };

  router.get('/metrics', async (req, res) => {
    const creds = await reader(req);
    res.json(await delivery.summary(creds, scopeQuery(req)));
  });

  router.get('/metrics/org', async (req, res) => {
    await reader(req);
    const trend = optionalString(req, 'teamTrends');
    if (trend !== undefined && trend !== 'true' && trend !== 'false')
      throw new InputError('teamTrends must be true or false');
    res.json(
      await delivery.organisation({
        environment: optionalString(req, 'environment'),
        window: parseWindow(req.query.from, req.query.to, now()),
        teamTrends: trend !== 'false',
      }),
    );
  });

  router.get('/drill-down', async (req, res) => {
    const only = optionalString(req, 'only');
    if (only !== undefined && !(ONLY as readonly string[]).includes(only))
      throw new InputError(`only must be one of ${ONLY.join(', ')}`);
    const limitText = optionalString(req, 'limit') ?? '200';
    const limit = Number(limitText);
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000)
      throw new InputError('limit must be a whole number from 1 to 1000');
    res.json(
      await delivery.drillDown(await reader(req), {
        ...scopeQuery(req),
        only: only as (typeof ONLY)[number] | undefined,
        limit,
      }),
    );
  });

  router.get('/ownership', async (req, res) => {
    const creds = await reader(req);
    const entityRef = optionalString(req, 'entityRef');
    if (!entityRef) throw new InputError('entityRef is required');
    const timeline = await delivery.ownershipTimeline(creds, entityRef);
    res.json({
      entityRef,
      timeline: timeline.map(e => ({
        teamRef: e.teamRef,
        from: new Date(e.from).toISOString(),
        source: e.source,
      })),
    });
  });

  router.post('/ownership', async (req, res) => {
    const creds = await credentials(req);
    if (!req.body || typeof req.body !== 'object' || Array.isArray(req.body))
      throw new InputError(
        'the body must be a JSON object: { entityRef, teamRef, from? }',
      );
    const result = await delivery.declareOwnership(creds, req.body);
    res.json({
      timeline: result.timeline.map(e => ({
        teamRef: e.teamRef,
        from: new Date(e.from).toISOString(),
        source: e.source,
      })),
      reattributed: result.reattributed,
    });
  });

  router.get('/admin/sources', async (req, res) => {
    await delivery.authorizeAdmin(await credentials(req));
    res.json(await delivery.sourceStates());
  });

  return router;
}
