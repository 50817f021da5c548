import {
  ChangeRecord,
  DeploymentRecord,
} from '@teamflow/plugin-delivery-common';

/** The drill-down's deployment order: a column and its direction. */
export type DeploymentSort = {
  by: 'finished' | 'verdict' | 'lead';
  descending: boolean;
};

/** How bad a deployment went: failed ones first when sorting by verdict. */
function verdictRank(d: DeploymentRecord): number {
  return (d.failed ? 4 : 0) + (d.rollback ? 2 : 0) + (d.rework ? 1 : 0);
}

/**
 * Deployments in the chosen order; ties keep time order (newest first). Lead
 * time sorts by the slowest change a deployment shipped; deployments that
 * shipped none go last either way.
 */
export function sortDeployments(
  deployments: DeploymentRecord[],
  sort: DeploymentSort,
  changesOf: (id: string) => ChangeRecord[],
): DeploymentRecord[] {
  const sign = sort.descending ? -1 : 1;
  const newestFirst = (a: DeploymentRecord, b: DeploymentRecord) =>
    Date.parse(b.finishedAt) - Date.parse(a.finishedAt);
  const slowest = (d: DeploymentRecord) => {
    const hours = changesOf(d.id)
      .map(c => c.leadTimeHours)
      .filter((h): h is number => h !== null);
    return hours.length ? Math.max(...hours) : null;
  };
  return [...deployments].sort((a, b) => {
    if (sort.by === 'finished') return -sign * newestFirst(a, b);
    if (sort.by === 'verdict')
      return sign * (verdictRank(a) - verdictRank(b)) || newestFirst(a, b);
    const x = slowest(a);
    const y = slowest(b);
    if (x === null || y === null)
      return (x === null ? 1 : 0) - (y === null ? 1 : 0) || newestFirst(a, b);
    return sign * (x - y) || newestFirst(a, b);
  });
}
