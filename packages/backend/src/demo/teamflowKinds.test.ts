import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { validateFeature } from '@teamflow/plugin-teamflow-common';
import { readExampleEntities } from './demoOrganisation';

// examples/teamflow/ holds the Persona and TeamInteraction entities. They are not loaded until
// the Teamflow catalog module exists, so their coherence with the rest of the demo is checked
// here instead of by the catalog.
const org = readExampleEntities('org');
const software = readExampleEntities('software');
const teamflow = readExampleEntities('teamflow');
const personas = teamflow.filter(e => e.kind === 'Persona');
const interactions = teamflow.filter(e => e.kind === 'TeamInteraction');
const features = teamflow.filter(e => e.kind === 'Feature');

const refOf = (e: { kind: string; metadata: { name: string } }) =>
  `${e.kind.toLowerCase()}:default/${e.metadata.name}`;
const known = new Set([...org, ...software].map(refOf));
const teams = org.filter(
  e => e.kind === 'Group' && (e.spec as any).type === 'team',
);
const teamType = (ref: string) =>
  teams.find(t => refOf(t) === ref)?.metadata.labels?.['teamflow.io/team-type'];

describe('examples/teamflow', () => {
  it('uses the teamflow.io/v1alpha1 kinds with 6+ personas and interactions of every mode', () => {
    expect(teamflow.every(e => e.apiVersion === 'teamflow.io/v1alpha1')).toBe(
      true,
    );
    expect(personas).toHaveLength(8);
    expect(new Set(interactions.map(i => (i.spec as any).mode))).toEqual(
      new Set(['x-as-a-service', 'collaboration', 'facilitating']),
    );
  });

  it('refers only to entities that exist in the demo organisation', () => {
    const refs = [
      ...personas.flatMap(p => [
        (p.spec as any).owner,
        ...(p.spec as any).servedBy,
        ...(p.spec as any).uses.map((u: any) => u.entityRef),
      ]),
      ...interactions.flatMap(i => [(i.spec as any).from, (i.spec as any).to]),
    ];
    const full = (r: string) =>
      stringifyEntityRef(parseEntityRef(r, { defaultNamespace: 'default' }));
    expect(refs.length).toBeGreaterThan(60);
    expect(refs.filter(r => !known.has(full(r)))).toEqual([]);
  });

  it('gives every temporary interaction (collaboration, facilitating) a review date', () => {
    const temporary = interactions.filter(i =>
      ['collaboration', 'facilitating'].includes((i.spec as any).mode),
    );
    expect(temporary).toHaveLength(5);
    expect(temporary.filter(i => !(i.spec as any).reviewBy)).toEqual([]);
  });

  it('has facilitating interactions only from the enabling team', () => {
    const facilitators = interactions
      .filter(i => (i.spec as any).mode === 'facilitating')
      .map(i => teamType((i.spec as any).from));
    expect(new Set(facilitators)).toEqual(new Set(['enabling']));
  });

  it('leaves one persona unserved on purpose, for the coverage views', () => {
    expect(
      personas
        .filter(p => (p.spec as any).servedBy.length === 0)
        .map(p => p.metadata.name),
    ).toEqual(['support-agent']);
  });
});

describe('examples/teamflow/features.yaml', () => {
  it('has about twenty valid features over the existing personas, teams and components', () => {
    expect(features).toHaveLength(20);
    expect(features.flatMap(f => validateFeature(f))).toEqual([]);
    const refs = features.flatMap(f => [
      (f.spec as any).owner,
      ...(f.spec as any).implementedBy,
      ...(f.spec as any).targets.map((t: any) => t.persona),
    ]);
    const all = new Set([...known, ...personas.map(refOf)]);
    expect(refs.filter(r => !all.has(r))).toEqual([]);
    // Every persona but the proto-persona is the target of some feature.
    const targeted = new Set(
      features.flatMap(f => (f.spec as any).targets.map((t: any) => t.persona)),
    );
    expect(
      personas.filter(p => !targeted.has(refOf(p))).map(p => p.metadata.name),
    ).toEqual([]);
  });
});

describe('examples/org', () => {
  it('has 2-4 business units and a platform grouping of two or more platform teams', () => {
    const units = org.filter(
      e => e.kind === 'Group' && (e.spec as any).type === 'business-unit',
    );
    expect(units).toHaveLength(4);
    const grouped = teams.filter(
      t =>
        t.metadata.annotations?.['teamflow.io/platform-grouping'] ===
        'engineering-platform',
    );
    expect(grouped.map(t => teamType(refOf(t)))).toEqual([
      'platform',
      'platform',
      'platform',
    ]);
  });

  it('puts several stream-aligned teams in every value stream', () => {
    const perStream: Record<string, number> = {};
    for (const t of teams.filter(
      x => teamType(refOf(x)) === 'stream-aligned',
    )) {
      const vs = t.metadata.annotations!['teamflow.io/value-stream'];
      perStream[vs] = (perStream[vs] ?? 0) + 1;
    }
    expect(perStream).toEqual({ shopping: 3, fulfilment: 3, partners: 2 });
  });
});
