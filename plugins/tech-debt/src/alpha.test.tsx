import plugin from './alpha';

describe('tech debt for the new frontend system', () => {
  it.each([
    'api:tech-debt',
    'page:tech-debt',
    'entity-content:tech-debt/team',
    'tech-debt/overview-card',
    'entity-content:tech-debt',
    'entity-card:tech-debt/team-tech-debt',
  ])('provides %s', id => {
    expect(plugin.getExtension(id as any)).toBeDefined();
  });
});
