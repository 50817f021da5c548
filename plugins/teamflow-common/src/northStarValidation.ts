import { Checker } from './validationChecker';
import { NORTH_STAR_FIGURES } from './productAnalytics';

export function validateMetric(c: Checker, field: string, metric: unknown) {
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

export function validateNorthStar(c: Checker, northStar: unknown) {
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
