import { Entity } from '@backstage/catalog-model';
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
import { Checker, ValidationProblem } from './validationChecker';
import { validateNorthStar } from './northStarValidation';

export { validEntityRef } from './validationChecker';
export type { ValidationProblem } from './validationChecker';

const USE_FREQUENCIES = ['daily', 'weekly', 'monthly', 'rarely'];

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
