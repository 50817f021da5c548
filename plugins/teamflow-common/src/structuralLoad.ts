import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { TeamGraph } from './teamGraph';
import { COMPLEXITY_ANNOTATION } from './vocabulary';

/** One contribution to a team's structural load, shown as a reason. @public */
export type LoadContribution = { reason: string; points: number };

/** How heavy a team's structural load is: a band of its score. @public */
export type StructuralLoadBand = 'low' | 'moderate' | 'high' | 'overloaded';

/**
 * A team's structural cognitive load: its score, band and the contributions behind them.
 *
 * @public
 */
export type StructuralLoad = {
  teamRef: string;
  /** Points × size factor, one decimal. */
  score: number;
  band: StructuralLoadBand;
  points: number;
  /**
   * sqrt(7 / members), members clamped to 3..9: a team of 3 carries about 1.5 times the load
   * of a team of 7 for the same ownership. 1 when the team has no members listed.
   */
  sizeFactor: number;
  contributions: LoadContribution[];
  /** "A team owning a complex domain should own nothing else" (Team Topologies). */
  complexDomainPlusOther: boolean;
};

/**
 * Points per owned entity and per dependency. Documented in the package
 * README; chosen so that a stream-aligned team of 7 owning one system of a
 * handful of services lands in "moderate".
 *
 * @public
 */
export const STRUCTURAL_LOAD_POINTS = {
  component: 1,
  library: 0.5,
  system: 2,
  api: 1,
  resource: 0.5,
  domain: 3,
  complicated: 2,
  complex: 5,
  dependsOnTeam: 1,
  dependedOnByTeam: 0.5,
} as const;

/** Upper bounds of the bands (score below the bound). @public */
export const STRUCTURAL_LOAD_BANDS: Array<[StructuralLoadBand, number]> = [
  ['low', 15],
  ['moderate', 30],
  ['high', 45],
  ['overloaded', Infinity],
];

const lower = (s: string) => s.toLocaleLowerCase('en-US');

/**
 * Structural cognitive load of every team in `graph`, from what it owns in
 * the catalog (`entities`), the complexity of its domains and systems, its
 * cross-team dependencies and its size.
 *
 * @public
 */
export function computeStructuralLoad(
  entities: Entity[],
  graph: TeamGraph,
): StructuralLoad[] {
  const P = STRUCTURAL_LOAD_POINTS;
  const owned = new Map<string, Entity[]>();
  for (const e of entities) {
    const owner = (e.relations ?? []).find(r => r.type === 'ownedBy');
    if (!owner) continue;
    const list = owned.get(lower(owner.targetRef)) ?? [];
    list.push(e);
    owned.set(lower(owner.targetRef), list);
  }

  return graph.nodes.map(node => {
    const mine = owned.get(node.ref) ?? [];
    const ofKind = (kind: string) => mine.filter(e => lower(e.kind) === kind);
    const components = ofKind('component');
    const libraries = components.filter(c => c.spec?.type === 'library');
    const contributions: LoadContribution[] = [];
    const add = (count: number, each: number, what: string) => {
      if (count > 0) {
        contributions.push({
          reason: `${count} ${what}`,
          points: count * each,
        });
      }
    };
    add(components.length - libraries.length, P.component, 'components');
    add(libraries.length, P.library, 'libraries');
    add(ofKind('system').length, P.system, 'systems');
    add(ofKind('api').length, P.api, 'APIs');
    add(ofKind('resource').length, P.resource, 'resources');
    add(ofKind('domain').length, P.domain, 'domains');

    const complexity = (e: Entity) =>
      e.metadata.annotations?.[COMPLEXITY_ANNOTATION];
    const structures = [...ofKind('domain'), ...ofKind('system')];
    const complicated = structures.filter(e => complexity(e) === 'complicated');
    const complex = structures.filter(e => complexity(e) === 'complex');
    add(complicated.length, P.complicated, 'complicated domains or systems');
    add(complex.length, P.complex, 'complex domains or systems');
    add(node.outbound, P.dependsOnTeam, 'teams depended on');
    add(node.inbound, P.dependedOnByTeam, 'teams depending on it');

    // The complex domain rule: everything a team owns should sit inside its
    // complex domain (systems in it, components in those systems).
    const complexDomains = new Set(
      ofKind('domain')
        .filter(d => complexity(d) === 'complex')
        .map(d => lower(stringifyEntityRef(d))),
    );
    const complexSystems = new Set(
      ofKind('system')
        .filter(
          s =>
            complexity(s) === 'complex' ||
            complexDomains.has(lower(`domain:default/${s.spec?.domain}`)),
        )
        .map(s => lower(stringifyEntityRef(s))),
    );
    const outside = [...ofKind('system'), ...components].filter(e => {
      if (lower(e.kind) === 'system')
        return !complexSystems.has(lower(stringifyEntityRef(e)));
      return !complexSystems.has(lower(`system:default/${e.spec?.system}`));
    });
    const complexDomainPlusOther =
      (complexDomains.size > 0 || complex.length > 0) && outside.length > 0;

    const points = contributions.reduce((sum, c) => sum + c.points, 0);
    const sizeFactor =
      node.members === 0
        ? 1
        : Math.sqrt(7 / Math.min(9, Math.max(3, node.members)));
    const score = Math.round(points * sizeFactor * 10) / 10;
    const band = STRUCTURAL_LOAD_BANDS.find(([, bound]) => score < bound)![0];
    return {
      teamRef: node.ref,
      score,
      band,
      points,
      sizeFactor: Math.round(sizeFactor * 100) / 100,
      contributions,
      complexDomainPlusOther,
    };
  });
}
