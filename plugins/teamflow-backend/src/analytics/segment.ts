/*
 * Reading Segment HTTP Tracking API calls (the shape analytics.js,
 * analytics-node, RudderStack and Jitsu send; documented at
 * segment.com/docs/connections/sources/catalog/libraries/server/http-api/):
 * `identify` and `track`, alone or in a `batch`. `page`, `screen`, `group`
 * and `alias` are accepted and ignored: features are recognised by tracked
 * events.
 */
import { createHash, createHmac } from 'node:crypto';

/** A call read from the wire; the user already hashed. */
export type AnalyticsMessage = {
  index: number;
  type: 'identify' | 'track';
  messageId: string;
  userHash: string;
  /** Epoch milliseconds. */
  timestamp: number;
  event?: string;
  traits?: Record<string, string | number | boolean>;
  properties?: Record<string, unknown>;
  /** An event counted late: the persona its user had when it arrived. */
  persona?: string;
};

/** A call refused, by its index in the request. */
export type RefusedMessage = { index: number; message: string };

/** Segment's reserved traits that identify a person: never stored. */
const PERSONAL_TRAITS = new Set(
  [
    'address',
    'avatar',
    'birthday',
    'email',
    'firstName',
    'lastName',
    'name',
    'phone',
    'username',
    'website',
    'id',
    'userId',
  ].map(t => t.toLocaleLowerCase('en-US')),
);

const IGNORED_TYPES = new Set(['page', 'screen', 'group', 'alias']);
const MAX_TRAITS = 50;

class Refused extends Error {}

function text(value: unknown, field: string, max: number, required: boolean) {
  if (value === undefined || value === null) {
    if (required) throw new Refused(`${field} is required`);
    return undefined;
  }
  if (typeof value !== 'string' || value.trim() === '')
    throw new Refused(`${field} must be a non-empty string`);
  if (value.length > max)
    throw new Refused(`${field} is longer than ${max} characters`);
  return value;
}

function time(value: unknown, field: string) {
  if (value === undefined || value === null) return undefined;
  const t = typeof value === 'string' ? Date.parse(value) : NaN;
  if (!Number.isFinite(t))
    throw new Refused(
      `${field} must be an ISO-8601 date-time, got ${JSON.stringify(
        value,
      ).slice(0, 60)}`,
    );
  return t;
}

/** The traits kept for persona rules: scalars only, personal ones dropped. */
export function keptTraits(value: unknown, field: string) {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value))
    throw new Refused(`${field} must be an object`);
  const kept: Record<string, string | number | boolean> = {};
  for (const [key, v] of Object.entries(value)) {
    if (PERSONAL_TRAITS.has(key.toLocaleLowerCase('en-US'))) continue;
    if (Object.keys(kept).length >= MAX_TRAITS) break;
    if (typeof v === 'string') kept[key] = v.slice(0, 200);
    else if (
      typeof v === 'boolean' ||
      (typeof v === 'number' && Number.isFinite(v))
    )
      kept[key] = v;
  }
  return kept;
}

/** Keyed hash of a user id: the raw id is never stored. */
export function userHasher(key: string) {
  return (id: string) =>
    createHmac('sha256', key).update(id).digest('hex').slice(0, 40);
}

/**
 * Reads one call. Returns the message, `'ignored'` for a call type that
 * carries no feature use, or throws `Refused` naming the field.
 */
function readOne(
  item: unknown,
  index: number,
  defaults: { type?: string; context?: unknown },
  hash: (id: string) => string,
  receivedAt: number,
): AnalyticsMessage | 'ignored' {
  if (typeof item !== 'object' || item === null || Array.isArray(item))
    throw new Refused('must be an object');
  const m = item as Record<string, unknown>;
  const type = m.type ?? defaults.type;
  if (typeof type === 'string' && IGNORED_TYPES.has(type)) return 'ignored';
  if (type !== 'identify' && type !== 'track')
    throw new Refused(
      `type must be one of identify, track, page, screen, group, alias, got ${JSON.stringify(
        type,
      )}`,
    );
  const userId =
    m.userId === undefined || m.userId === null ? undefined : String(m.userId);
  const anonymousId = text(m.anonymousId, 'anonymousId', 200, false);
  if (!userId && !anonymousId)
    throw new Refused('userId or anonymousId is required');
  if (userId && userId.length > 200)
    throw new Refused('userId is longer than 200 characters');
  // Segment's clock-skew correction when the client's clock is only known
  // through sentAt.
  const sent = time(m.sentAt, 'sentAt');
  const original = time(m.originalTimestamp, 'originalTimestamp');
  const timestamp =
    time(m.timestamp, 'timestamp') ??
    (sent !== undefined && original !== undefined
      ? receivedAt - (sent - original)
      : original ?? receivedAt);
  const event =
    type === 'track' ? text(m.event, 'event', 200, true) : undefined;
  if (
    m.properties !== undefined &&
    (typeof m.properties !== 'object' ||
      m.properties === null ||
      Array.isArray(m.properties))
  )
    throw new Refused('properties must be an object');
  const context = (m.context ?? defaults.context) as
    | Record<string, unknown>
    | undefined;
  if (
    context !== undefined &&
    (typeof context !== 'object' || context === null)
  )
    throw new Refused('context must be an object');
  const traits =
    type === 'identify'
      ? {
          ...keptTraits(context?.traits, 'context.traits'),
          ...keptTraits(m.traits, 'traits'),
        }
      : keptTraits(context?.traits, 'context.traits');
  const user = userId ? `user:${userId}` : `anonymous:${anonymousId}`;
  // Without a messageId (Segment's libraries always send one) the call's own
  // content identifies it, so a retried call is still one call.
  const messageId =
    text(m.messageId, 'messageId', 200, false) ??
    `content:${createHash('sha256')
      .update(
        JSON.stringify([
          type,
          user,
          event,
          timestamp,
          m.properties ?? null,
          m.traits ?? null,
        ]),
      )
      .digest('hex')
      .slice(0, 40)}`;
  return {
    index,
    type,
    messageId,
    userHash: hash(user),
    timestamp,
    event,
    traits: traits && Object.keys(traits).length ? traits : undefined,
    properties: m.properties as Record<string, unknown> | undefined,
  };
}

/**
 * Reads the body of `/v1/identify`, `/v1/track` or `/v1/batch` (also
 * `/v1/import`): the calls to store, the ones ignored, the ones refused.
 */
export function readCalls(
  body: unknown,
  route: 'identify' | 'track' | 'batch',
  hash: (id: string) => string,
  receivedAt: number,
  limits: { oldest: number; newest: number },
) {
  const messages: AnalyticsMessage[] = [];
  const refused: RefusedMessage[] = [];
  let ignored = 0;
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return {
      messages,
      ignored,
      refused: [{ index: 0, message: 'the body must be a JSON object' }],
    };
  const b = body as Record<string, unknown>;
  let items: unknown[];
  if (route === 'batch') {
    if (!Array.isArray(b.batch))
      return {
        messages,
        ignored,
        refused: [{ index: 0, message: 'batch must be a list of calls' }],
      };
    items = b.batch;
  } else items = [b];
  // A batch from a browser or app is mostly one user's calls: each id is
  // hashed once per request (the ids are not kept beyond it).
  const hashes = new Map<string, string>();
  const hashOnce = (id: string) => {
    let h = hashes.get(id);
    if (h === undefined) hashes.set(id, (h = hash(id)));
    return h;
  };
  items.forEach((item, index) => {
    try {
      const m = readOne(
        item,
        index,
        { type: route === 'batch' ? undefined : route, context: b.context },
        hashOnce,
        receivedAt,
      );
      if (m === 'ignored') {
        ignored += 1;
        return;
      }
      if (m.timestamp > limits.newest)
        throw new Refused('timestamp is more than five minutes in the future');
      if (m.timestamp < limits.oldest)
        throw new Refused(
          `timestamp is older than the days raw events are kept (${new Date(
            limits.oldest,
          )
            .toISOString()
            .slice(0, 10)})`,
        );
      messages.push(m);
    } catch (e) {
      if (!(e instanceof Refused)) throw e;
      refused.push({ index, message: e.message });
    }
  });
  return { messages, ignored, refused };
}
