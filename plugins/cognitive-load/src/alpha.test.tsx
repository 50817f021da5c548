import plugin from './alpha';

describe('cognitive load for the new frontend system', () => {
  it.each([
    'api:cognitive-load',
    'page:cognitive-load',
    'entity-card:cognitive-load/team-cognitive-load',
  ])('provides %s', id => {
    expect(plugin.getExtension(id as any)).toBeDefined();
  });
});
