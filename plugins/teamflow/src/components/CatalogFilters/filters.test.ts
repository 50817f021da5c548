import { Entity } from '@backstage/catalog-model';
import { PersonaFilter, TeamTypeFilter } from './filters';

const group = (type?: string, relations: Entity['relations'] = []): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: {
    name: 'g',
    labels: type ? { 'teamflow.io/team-type': type } : {},
  },
  spec: { type: 'team', children: [] },
  relations,
});
const component = (relations: Entity['relations']): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'c' },
  spec: {},
  relations,
});

describe('TeamTypeFilter', () => {
  it.each([
    [['platform'], group('platform'), true],
    [['platform'], group('stream-aligned'), false],
    [['undeclared'], group(), true],
    [['stream-aligned', 'enabling'], group('enabling'), true],
    [['platform'], component([]), false],
  ])('%j keeps %#: %s', (values, entity, kept) => {
    expect(new TeamTypeFilter(values).filterEntity(entity)).toBe(kept);
  });
});

describe('PersonaFilter', () => {
  const courier = 'persona:default/courier';
  it.each([
    [
      'a team serving the persona',
      group('stream-aligned', [
        { type: 'teamflow.io/serves', targetRef: courier },
      ]),
      true,
    ],
    [
      'a component the persona uses',
      component([
        { type: 'teamflow.io/usedBy', targetRef: 'Persona:default/Courier' },
      ]),
      true,
    ],
    [
      'a component used by another persona',
      component([
        {
          type: 'teamflow.io/usedBy',
          targetRef: 'persona:default/store-picker',
        },
      ]),
      false,
    ],
    [
      'an entity merely owned by the same team',
      component([{ type: 'ownedBy', targetRef: 'group:default/courier-app' }]),
      false,
    ],
  ])('%s', (_name, entity, kept) => {
    expect(new PersonaFilter([courier]).filterEntity(entity)).toBe(kept);
  });
});
