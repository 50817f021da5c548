import plugin from './alpha';

describe('cognitive load for the new frontend system', () => {
  it.each([
    'api:cognitive-load',
    'page:cognitive-load',
    'cognitive-load/overview-card',
    'entity-card:cognitive-load/team-cognitive-load',
  ])('provides %s', id => {
    expect(plugin.getExtension(id as any)).toBeDefined();
  });
});
