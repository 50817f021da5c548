/** Checks shared by every source of delivery events. */

/** Thrown with the field that is wrong. @public */
export class EventProblem extends Error {}

/** An ISO 8601 instant with a time zone, not in the future. @public */
export function instant(
  value: unknown,
  path: string,
  now: number,
  required = true,
): number | undefined {
  if (value === undefined || value === null) {
    if (required)
      throw new EventProblem(`${path} is required (ISO 8601 timestamp)`);
    return undefined;
  }
  if (
    typeof value !== 'string' ||
    !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(
      value,
    )
  )
    throw new EventProblem(
      `${path} must be an ISO 8601 timestamp with a time zone, e.g. 2026-11-21T10:00:00Z`,
    );
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new EventProblem(`${path} is not a valid date`);
  if (ms > now + 5 * 60_000)
    throw new EventProblem(
      `${path} (${value}) is in the future; events record what happened`,
    );
  return ms;
}
