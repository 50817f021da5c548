import express from 'express';
import { InputError } from '@backstage/errors';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import {
  TeamGraphFilter,
  TEAM_TYPES_OR_UNDECLARED,
} from '@teamflow/plugin-teamflow-common';

/*
 * Query and path parameters of the Teamflow routes, validated: a client's
 * mistake is a 400 naming the parameter, never a 500.
 */

/** The team a `/:namespace/:name` path names. */
export const teamRef = (namespace: string, name: string) =>
  `group:${namespace}/${name}`.toLocaleLowerCase('en-US');

/** A required team reference (`from`, `to` of a dependency). */
export function teamRefParam(
  req: express.Request,
  name: 'from' | 'to',
): string {
  const value = req.query[name];
  if (typeof value !== 'string' || value.trim() === '') {
    throw new InputError(
      `Query parameter '${name}' is required: a team entity ref such as group:default/checkout`,
    );
  }
  return value.toLocaleLowerCase('en-US');
}

const TYPES: readonly string[] = TEAM_TYPES_OR_UNDECLARED;

/** An optional parameter given at most once, up to 200 characters. */
export function optionalString(req: express.Request, name: string) {
  const value = req.query[name];
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string') {
    throw new InputError(`Query parameter '${name}' must be given once`);
  }
  if (value.length > 200) {
    throw new InputError(
      `Query parameter '${name}' is longer than 200 characters`,
    );
  }
  return value;
}

function domainRef(value: string) {
  try {
    const ref = parseEntityRef(value, {
      defaultKind: 'domain',
      defaultNamespace: 'default',
    });
    if (ref.kind.toLocaleLowerCase('en-US') !== 'domain') throw new Error();
    return stringifyEntityRef(ref).toLocaleLowerCase('en-US');
  } catch {
    throw new InputError(
      `Query parameter 'domain' must be a domain entity ref such as domain:default/payments, got '${value}'`,
    );
  }
}

/** `?valueStream=&domain=&type=a,b&problems=true`, validated. */
export function mapFilter(req: express.Request): TeamGraphFilter {
  const domain = optionalString(req, 'domain');
  const type = optionalString(req, 'type');
  const problems = optionalString(req, 'problems');
  const types = type?.split(',').map(t => t.trim());
  const unknown = types?.filter(t => !TYPES.includes(t));
  if (unknown?.length) {
    throw new InputError(
      `Query parameter 'type' has unknown team type(s) ${unknown.join(
        ', ',
      )}; expected any of ${TYPES.join(', ')}`,
    );
  }
  if (problems !== undefined && problems !== 'true' && problems !== 'false') {
    throw new InputError(
      `Query parameter 'problems' must be true or false, got '${problems}'`,
    );
  }
  return {
    valueStream: optionalString(req, 'valueStream'),
    domain: domain ? domainRef(domain) : undefined,
    types: types as TeamGraphFilter['types'],
    problems: problems === 'true',
  };
}

/** The UTC day of an instant, YYYY-MM-DD. */
export const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** A YYYY-MM-DD query parameter that is a real day, or undefined. */
export function historyDay(req: express.Request, name: string) {
  const value = optionalString(req, name);
  if (value === undefined) return undefined;
  const ms = Date.parse(`${value}T00:00:00Z`);
  if (
    !/^\d{4}-\d{2}-\d{2}$/.test(value) ||
    Number.isNaN(ms) ||
    dayOf(ms) !== value
  )
    throw new InputError(
      `Query parameter '${name}' must be a day YYYY-MM-DD, got '${value}'`,
    );
  return value;
}
