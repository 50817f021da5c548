import { assembleAttention, PerceivedLoadHeatmap } from './assemble';
import { TeamGraphSnapshot } from '../services/TeamGraphService';

const node = (name: string) => ({
  ref: `group:default/${name}`,
  title: name,
  type: 'platform' as const,
  members: 5,
  owned: { component: 0, api: 0, system: 0, resource: 0, domain: 0 },
  domains: [],
  outbound: 0,
  inbound: 0,
  manyInbound: false,
  manyOutbound: false,
});

const snapshot: TeamGraphSnapshot = {
  generatedAt: '2026-12-01T00:00:00.000Z',
  entityCount: 4,
  graph: {
    nodes: ['a', 'b', 'c', 'd', 'e'].map(node),
    edges: [],
    thresholds: { inbound: 3, outbound: 3 },
  },
  load: [],
  personas: [],
  components: [],
};

const released = (ref: string, median: number, priv = false) => ({
  ref: `group:default/${ref}`,
  surveyed: true,
  status: 'released',
  scores: {
    load: { median, ...(priv ? { private: { expectedError: 4 } } : {}) },
  },
});

describe('perceived load in the attention table', () => {
  it('judges released loads by the documented thresholds and never shows a withheld one', () => {
    const heatmap: PerceivedLoadHeatmap = {
      k: 5,
      wave: { id: 'w1', title: 'Autumn' },
      rows: [
        released('a', 59.5), // rounds to 60: problem
        released('b', 49.4), // 49: ok
        released('c', 50, true), // private mean: shown with ≈, watch
        {
          ref: 'group:default/d',
          surveyed: true,
          status: 'not-enough-responses',
          countedIn: { ref: 'group:default/tribe', title: 'Tribe' },
        },
      ],
    };
    const rows = assembleAttention({ snapshot, heatmap });
    const cell = (name: string) =>
      rows.find(r => r.teamRef === `group:default/${name}`)!.signals
        .perceivedLoad;
    expect(cell('a')).toMatchObject({
      value: 60,
      text: '60',
      level: 'problem',
    });
    expect(cell('b')).toMatchObject({ value: 49, text: '49', level: 'ok' });
    expect(cell('c')).toMatchObject({ value: 50, text: '≈50', level: 'watch' });
    expect(cell('d')).toMatchObject({
      value: null,
      text: 'withheld (counted in Tribe)',
    });
    expect(cell('d')!.level).toBeUndefined();
    expect(cell('e')).toEqual({
      value: null,
      text: 'not surveyed in this wave',
    });
    // Most problems first.
    expect(rows[0].teamRef).toBe('group:default/a');
  });

  it('says so when no wave has results yet', () => {
    const rows = assembleAttention({
      snapshot,
      heatmap: { k: 5, rows: [] },
    });
    expect(rows[0].signals.perceivedLoad).toEqual({
      value: null,
      text: 'no survey results yet',
    });
  });
});
