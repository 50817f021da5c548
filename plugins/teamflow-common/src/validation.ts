import {
  Entity,
  makeValidator,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  COMPLEXITIES,
  COMPLEXITY_ANNOTATION,
  DEPENDENCY_SEVERITIES,
  FEATURE_LIFECYCLES,
  FOCUS_ANNOTATION,
  INTERACTION_MODES,
  INTERACTION_STATUSES,
  PERSONA_LIFECYCLES,
  PERSONA_TYPES,
  PLATFORM_GROUPING_ANNOTATION,
  TEAM_TYPES,
  TEAM_TYPE_LABEL,
  VALUE_STREAM_ANNOTATION,
} from './vocabulary';
import { NORTH_STAR_FIGURES } from './productAnalytics';

/**
 * One thing wrong with an entity: the field (a path such as
 * `spec.servedBy[1]`) and what is wrong with it.
 *
 * @public
 */
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

/** A field of an entity and what is wrong with it. @public */
export type ValidationProblem = { field: string; message: string };

const USE_FREQUENCIES = ['daily', 'weekly', 'monthly', 'rarely'];

class Checker {
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

function validateMetric(c: Checker, field: string, metric: unknown) {
  if (!c.object(field, metric)) return;
  c.text(`${field}.name`, metric.name, true);
  c.text(`${field}.description`, metric.description, false);
  const source = metric.source;
  if (source === undefined) c.problem(`${field}.source`, 'is required');
  else if (c.object(`${field}.source`, source)) {
    if (source.series !== undefined) {
      c.oneOf(`${field}.source.week`, source.week, ['sum', 'mean'], false);
      if (c.text(`${field}.source.series`, source.series, true)) {
        if (!/^[a-z0-9][a-z0-9-_.]{0,99}$/i.test(source.series as string))
          c.problem(
            `${field}.source.series`,
            "must be letters, digits, '-', '_' or '.' (at most 100)",
          );
      }
    } else {
      c.ref(`${field}.source.feature`, source.feature, ['feature']);
      c.oneOf(`${field}.source.figure`, source.figure, NORTH_STAR_FIGURES);
      if (source.persona !== undefined)
        c.ref(`${field}.source.persona`, source.persona, ['persona']);
    }
  }
  c.list(`${field}.movedBy`, metric.movedBy, (f, v) =>
    c.ref(f, v, ['feature']),
  );
}

function validateNorthStar(c: Checker, northStar: unknown) {
  if (!c.object('spec.northStar', northStar)) return;
  validateMetric(c, 'spec.northStar', northStar);
  const inputs = northStar.inputs;
  if (!Array.isArray(inputs) || inputs.length < 1 || inputs.length > 5) {
    c.problem(
      'spec.northStar.inputs',
      'must list the 1 to 5 input metrics that drive the North Star',
    );
    return;
  }
  c.list('spec.northStar.inputs', inputs, (f, v) => validateMetric(c, f, v));
}

/**
 * Checks a `Persona` entity's spec against Teamflow's model.
 *
 * @public
 */
export function validatePersona(entity: Entity): ValidationProblem[] {
  const c = new Checker();
  const spec = entity.spec;
  if (!c.object('spec', spec)) return c.problems;
  c.oneOf('spec.type', spec.type, PERSONA_TYPES);
  c.ref('spec.owner', spec.owner, ['group', 'user']);
  c.oneOf('spec.lifecycle', spec.lifecycle, PERSONA_LIFECYCLES);
  for (const key of ['segments', 'goals', 'pains']) {
    c.list(`spec.${key}`, spec[key], (f, v) => c.text(f, v, true));
  }
  c.list('spec.jobs', spec.jobs, (f, job) => {
    if (!c.object(f, job)) return;
    c.text(`${f}.when`, job.when, true);
    c.text(`${f}.want`, job.want, true);
    c.text(`${f}.soThat`, job.soThat, true);
  });
  c.list('spec.servedBy', spec.servedBy, (f, v) => c.ref(f, v, ['group']));
  c.list('spec.uses', spec.uses, (f, use) => {
    if (!c.object(f, use)) return;
    c.ref(`${f}.entityRef`, use.entityRef, ['component', 'system', 'api']);
    c.oneOf(`${f}.frequency`, use.frequency, USE_FREQUENCIES, false);
    c.text(`${f}.why`, use.why, false);
  });
  if (
    spec.analytics !== undefined &&
    c.object('spec.analytics', spec.analytics)
  )
    c.list('spec.analytics.rules', spec.analytics.rules, (f, rule) => {
      if (!c.object(f, rule)) return;
      const keys = Object.keys(rule);
      if (keys.length === 0)
        c.problem(f, 'must name at least one trait and its condition');
      for (const key of keys) c.traitCondition(`${f}.${key}`, rule[key]);
    });
  return c.problems;
}

/**
 * Checks a `Feature` entity's spec: an owning team, a lifecycle, the
 * components implementing it, the personas it targets each with why, and
 * the analytics events that count as its use.
 *
 * @public
 */
export function validateFeature(entity: Entity): ValidationProblem[] {
  const c = new Checker();
  const spec = entity.spec;
  if (!c.object('spec', spec)) return c.problems;
  c.ref('spec.owner', spec.owner, ['group']);
  c.oneOf('spec.lifecycle', spec.lifecycle, FEATURE_LIFECYCLES);
  c.list('spec.implementedBy', spec.implementedBy, (f, v) =>
    c.ref(f, v, ['component']),
  );
  c.list('spec.targets', spec.targets, (f, target) => {
    if (!c.object(f, target)) return;
    c.ref(`${f}.persona`, target.persona, ['persona']);
    c.text(`${f}.why`, target.why, true);
  });
  c.text('spec.outcome', spec.outcome, false);
  if (
    spec.analytics !== undefined &&
    c.object('spec.analytics', spec.analytics)
  ) {
    for (const key of ['events', 'success', 'failure'])
      c.list(`spec.analytics.${key}`, spec.analytics[key], (f, v) =>
        c.text(f, v, true),
      );
    const happiness = spec.analytics.happiness;
    if (
      happiness !== undefined &&
      c.object('spec.analytics.happiness', happiness)
    ) {
      c.text('spec.analytics.happiness.event', happiness.event, true);
      c.text('spec.analytics.happiness.property', happiness.property, true);
    }
  }
  return c.problems;
}

/**
 * Checks a `TeamInteraction` entity's spec against Teamflow's model.
 * Collaboration and facilitating are temporary by definition, so they need
 * `reviewBy`.
 *
 * @public
 */
export function validateTeamInteraction(entity: Entity): ValidationProblem[] {
  const c = new Checker();
  const spec = entity.spec;
  if (!c.object('spec', spec)) return c.problems;
  c.ref('spec.from', spec.from, ['group']);
  c.ref('spec.to', spec.to, ['group']);
  if (typeof spec.from === 'string' && spec.from === spec.to) {
    c.problem('spec.to', 'must be a different team than spec.from');
  }
  c.oneOf('spec.mode', spec.mode, INTERACTION_MODES);
  c.text('spec.purpose', spec.purpose, true);
  c.oneOf('spec.status', spec.status, INTERACTION_STATUSES);
  const start = c.date('spec.startDate', spec.startDate, false);
  const temporary =
    spec.mode === 'collaboration' || spec.mode === 'facilitating';
  if (temporary && (spec.reviewBy === undefined || spec.reviewBy === null)) {
    c.problem(
      'spec.reviewBy',
      `is required for ${spec.mode}, which is temporary by definition`,
    );
  } else {
    const review = c.date('spec.reviewBy', spec.reviewBy, false);
    if (start && review && review < start) {
      c.problem(
        'spec.reviewBy',
        `must not be before spec.startDate (${start})`,
      );
    }
  }
  if (
    spec.dependency !== undefined &&
    c.object('spec.dependency', spec.dependency)
  ) {
    c.oneOf(
      'spec.dependency.severity',
      spec.dependency.severity,
      DEPENDENCY_SEVERITIES,
    );
  }
  c.ref('spec.owner', spec.owner, ['group', 'user'], false);
  return c.problems;
}

/**
 * Checks the Teamflow label and annotations of a Group, Domain or System.
 * Entities without them have nothing to check: plain Backstage catalogs are
 * unaffected.
 *
 * @public
 */
export function validateTeamflowMetadata(entity: Entity): ValidationProblem[] {
  const c = new Checker();
  const labels = entity.metadata.labels ?? {};
  const annotations = entity.metadata.annotations ?? {};
  const kind = entity.kind.toLocaleLowerCase('en-US');
  const northStar = (entity.spec as Record<string, unknown> | undefined)
    ?.northStar;
  if (kind === 'domain' && northStar !== undefined)
    validateNorthStar(c, northStar);
  if (kind === 'group') {
    const type = labels[TEAM_TYPE_LABEL];
    if (type !== undefined) {
      c.oneOf(`metadata.labels[${TEAM_TYPE_LABEL}]`, type, TEAM_TYPES);
    }
    for (const key of [FOCUS_ANNOTATION, VALUE_STREAM_ANNOTATION]) {
      if (annotations[key] !== undefined) {
        c.text(`metadata.annotations[${key}]`, annotations[key], true);
      }
    }
    const grouping = annotations[PLATFORM_GROUPING_ANNOTATION];
    if (
      grouping !== undefined &&
      c.text(
        `metadata.annotations[${PLATFORM_GROUPING_ANNOTATION}]`,
        grouping,
        true,
      ) &&
      type !== 'platform'
    ) {
      c.problem(
        `metadata.annotations[${PLATFORM_GROUPING_ANNOTATION}]`,
        `is only for platform teams, but ${TEAM_TYPE_LABEL} is ${
          type ? `'${type}'` : 'not set'
        }`,
      );
    }
  }
  if (
    (kind === 'domain' || kind === 'system') &&
    annotations[COMPLEXITY_ANNOTATION] !== undefined
  ) {
    c.oneOf(
      `metadata.annotations[${COMPLEXITY_ANNOTATION}]`,
      annotations[COMPLEXITY_ANNOTATION],
      COMPLEXITIES,
    );
  }
  return c.problems;
}
