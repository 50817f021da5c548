import {
  makeValidator,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';

/**
 * One thing wrong with an entity: the field (a path such as
 * `spec.servedBy[1]`) and what is wrong with it.
 *
 * @public
 */
export type ValidationProblem = { field: string; message: string };

const catalogRules = makeValidator();

/**
 * `ref` as the catalog writes it (namespace `default` and `defaultKind` when
 * left out), or undefined when it is not an entity reference the catalog
 * could hold: kind, namespace and name are checked by the catalog's own
 * rules, so `component:../..` is refused before any catalog client (which
 * throws on it) is asked.
 *
 * @public
 */
export function validEntityRef(
  ref: string,
  defaultKind: string,
): string | undefined {
  try {
    const parsed = parseEntityRef(ref, {
      defaultKind,
      defaultNamespace: 'default',
    });
    if (
      catalogRules.isValidKind(parsed.kind) &&
      catalogRules.isValidNamespace(parsed.namespace) &&
      catalogRules.isValidEntityName(parsed.name)
    )
      return stringifyEntityRef(parsed);
  } catch {
    // Not a reference at all.
  }
  return undefined;
}

/** Collects what is wrong with an entity, field by field; the validators share it. */
export class Checker {
  readonly problems: ValidationProblem[] = [];

  problem(field: string, message: string) {
    this.problems.push({ field, message });
  }

  text(field: string, value: unknown, required: boolean): boolean {
    if (value === undefined || value === null) {
      if (required) this.problem(field, 'is required');
      return false;
    }
    if (typeof value !== 'string' || value.trim() === '') {
      this.problem(field, `must be a non-empty string, got ${describe(value)}`);
      return false;
    }
    return true;
  }

  oneOf(
    field: string,
    value: unknown,
    allowed: readonly string[],
    required = true,
  ) {
    if (!this.text(field, value, required)) return;
    if (!allowed.includes(value as string)) {
      this.problem(
        field,
        `must be one of ${allowed.join(', ')}, got '${value}'`,
      );
    }
  }

  /** A ref whose kind (explicit or defaulted) must be one of `kinds`. */
  ref(field: string, value: unknown, kinds: string[], required = true) {
    if (!this.text(field, value, required)) return;
    try {
      const ref = parseEntityRef(value as string, {
        defaultKind: kinds[0],
        defaultNamespace: 'default',
      });
      if (!kinds.includes(ref.kind.toLocaleLowerCase('en-US'))) {
        this.problem(
          field,
          `must refer to a ${kinds
            .map(capitalise)
            .join(' or ')}, got '${value}'`,
        );
      }
    } catch {
      this.problem(field, `is not a valid entity ref: '${value}'`);
    }
  }

  list(field: string, value: unknown, each: (f: string, v: unknown) => void) {
    if (value === undefined || value === null) return;
    if (!Array.isArray(value)) {
      this.problem(field, `must be a list, got ${describe(value)}`);
      return;
    }
    value.forEach((v, i) => each(`${field}[${i}]`, v));
  }

  date(field: string, value: unknown, required: boolean): string | undefined {
    if (!this.text(field, value, required)) return undefined;
    const v = value as string;
    if (
      !/^\d{4}-\d{2}-\d{2}$/.test(v) ||
      Number.isNaN(Date.parse(`${v}T00:00:00Z`)) ||
      new Date(`${v}T00:00:00Z`).toISOString().slice(0, 10) !== v
    ) {
      this.problem(field, `must be a date as YYYY-MM-DD, got '${v}'`);
      return undefined;
    }
    return v;
  }

  /** A persona rule's condition: a value, a list of values, or { gte, lte, exists }. */
  traitCondition(field: string, value: unknown) {
    const scalar = (v: unknown) =>
      typeof v === 'string' ||
      typeof v === 'boolean' ||
      (typeof v === 'number' && Number.isFinite(v));
    if (scalar(value)) return;
    if (Array.isArray(value)) {
      if (value.length === 0 || !value.every(scalar))
        this.problem(
          field,
          'must list at least one value, each a string, number or boolean',
        );
      return;
    }
    if (typeof value === 'object' && value !== null) {
      const v = value as Record<string, unknown>;
      const unknownKeys = Object.keys(v).filter(
        k => !['gte', 'lte', 'exists'].includes(k),
      );
      if (unknownKeys.length || Object.keys(v).length === 0) {
        this.problem(
          field,
          `must be a value, a list of values or an object of gte, lte and exists${
            unknownKeys.length ? `; unknown ${unknownKeys.join(', ')}` : ''
          }`,
        );
        return;
      }
      for (const bound of ['gte', 'lte'])
        if (
          v[bound] !== undefined &&
          (typeof v[bound] !== 'number' || !Number.isFinite(v[bound]))
        )
          this.problem(
            `${field}.${bound}`,
            `must be a number, got ${describe(v[bound])}`,
          );
      if (v.exists !== undefined && typeof v.exists !== 'boolean')
        this.problem(
          `${field}.exists`,
          `must be true or false, got ${describe(v.exists)}`,
        );
      return;
    }
    this.problem(
      field,
      `must be a value, a list of values or an object of gte, lte and exists, got ${describe(
        value,
      )}`,
    );
  }

  object(field: string, value: unknown): value is Record<string, unknown> {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      this.problem(field, `must be an object, got ${describe(value)}`);
      return false;
    }
    return true;
  }
}

function describe(value: unknown) {
  if (Array.isArray(value)) return 'a list';
  if (value === null) return 'null';
  return typeof value === 'string' ? `'${value}'` : typeof value;
}

function capitalise(kind: string) {
  return kind === 'api'
    ? 'API'
    : kind[0].toLocaleUpperCase('en-US') + kind.slice(1);
}
