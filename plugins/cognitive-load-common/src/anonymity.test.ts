import { AnonymityNode, decideRelease, mayCompare } from './anonymity';

type Tree = Array<[ref: string, parent: string | undefined, own: number]>;
const nodes = (tree: Tree): AnonymityNode[] =>
  tree.map(([ref, parentRef, ownResponses]) => ({
    ref,
    parentRef,
    ownResponses,
  }));
const statuses = (tree: Tree, k = 5) =>
  Object.fromEntries(
    [...decideRelease(nodes(tree), k)].map(([ref, d]) => [
      ref,
      `${d.status} ${d.n}`,
    ]),
  );

describe('decideRelease (k = 5)', () => {
  it.each<[string, Tree, Record<string, string>]>([
    [
      'a team with k, one below, one without answers',
      [
        ['a', undefined, 5],
        ['b', undefined, 4],
        ['c', undefined, 0],
      ],
      { a: 'released 5', b: 'not-enough-responses 4', c: 'no-data 0' },
    ],
    [
      'the subtraction attack: parent minus the shown children would reveal C (2 people)',
      [
        ['p', undefined, 0],
        ['a', 'p', 6],
        ['b', 'p', 5],
        ['c', 'p', 2],
      ],
      // p (13) - a (6) - b (5) = 2 < 5: the roll-up is dropped, the teams stay.
      {
        p: 'suppressed 13',
        a: 'released 6',
        b: 'released 5',
        c: 'not-enough-responses 2',
      },
    ],
    [
      'every child shown: the parent reveals nothing new',
      [
        ['p', undefined, 0],
        ['a', 'p', 6],
        ['b', 'p', 5],
        ['c', 'p', 5],
      ],
      { p: 'released 16', a: 'released 6', b: 'released 5', c: 'released 5' },
    ],
    [
      'two small children together reach k: the parent may show them as one group',
      [
        ['p', undefined, 0],
        ['a', 'p', 6],
        ['b', 'p', 2],
        ['c', 'p', 3],
      ],
      // p - a = b + c = 5 respondents: a group of k, allowed.
      {
        p: 'released 11',
        a: 'released 6',
        b: 'not-enough-responses 2',
        c: 'not-enough-responses 3',
      },
    ],
    [
      'cascade: dropping a roll-up moves its residue up a level',
      [
        ['g', undefined, 0],
        ['p1', 'g', 0],
        ['p2', 'g', 0],
        ['a', 'p1', 6],
        ['b', 'p1', 2],
        ['c', 'p2', 6],
      ],
      // p1 - a = 2: p1 dropped. Then g - p2 - a = b = 2 (g minus c minus a): g dropped too.
      // p2 - c = 0: p2 shown (it is c).
      {
        g: 'suppressed 14',
        p1: 'suppressed 8',
        p2: 'released 6',
        a: 'released 6',
        b: 'not-enough-responses 2',
        c: 'released 6',
      },
    ],
    [
      'cascade stops when the residue above reaches k',
      [
        ['g', undefined, 0],
        ['p1', 'g', 0],
        ['p2', 'g', 0],
        ['d', 'g', 3],
        ['a', 'p1', 6],
        ['b', 'p1', 2],
        ['c', 'p2', 6],
      ],
      // g - a - c = b + d = 5: g may be shown.
      {
        g: 'released 17',
        p1: 'suppressed 8',
        p2: 'released 6',
        d: 'not-enough-responses 3',
        a: 'released 6',
        b: 'not-enough-responses 2',
        c: 'released 6',
      },
    ],
    [
      'a team with sub-teams counts its own respondents in the residue',
      [
        ['p', undefined, 2],
        ['a', 'p', 6],
      ],
      { p: 'suppressed 8', a: 'released 6' },
    ],
  ])('%s', (_name, tree, expected) => {
    expect(statuses(tree)).toEqual(expected);
  });

  it('counts a person in two surveyed teams once in the roll-up above them', () => {
    // The unit holds b's 2 responses and c's 1; with overlap 1, one person
    // answered for both teams.
    const tree = (overlap: number): AnonymityNode[] => [
      { ref: 'u', ownResponses: 0, overlap },
      { ref: 'b', parentRef: 'u', ownResponses: 2 },
      { ref: 'c', parentRef: 'u', ownResponses: 1 },
    ];
    // 3 responses from 2 people: not enough at k = 3 (the attack: "n = 3"
    // from two people).
    const d = decideRelease(tree(1), 3);
    expect(d.get('u')).toEqual({ status: 'not-enough-responses', n: 2 });
    // without the shared person it is 3 people
    expect(decideRelease(tree(0), 3).get('u')).toEqual({
      status: 'released',
      n: 3,
    });
  });

  it('suppresses a roll-up whose residue could be fewer than k people because of shared members', () => {
    // a (3) is shown; the residue u − a is b's 3 responses, but one of b's
    // people is also in a: at worst 2 new people.
    const nodesWithOverlap: AnonymityNode[] = [
      { ref: 'u', ownResponses: 0, overlap: 1 },
      { ref: 'a', parentRef: 'u', ownResponses: 3 },
      { ref: 'b', parentRef: 'u', ownResponses: 3 },
    ];
    const d = decideRelease(nodesWithOverlap, 3);
    expect(d.get('a')?.status).toBe('released');
    expect(d.get('b')?.status).toBe('released');
    // residue 0: both teams shown, the roll-up says nothing new
    expect(d.get('u')).toEqual({ status: 'released', n: 5 });
    const withSmallB = decideRelease(
      [
        { ref: 'u', ownResponses: 0, overlap: 1 },
        { ref: 'a', parentRef: 'u', ownResponses: 4 },
        { ref: 'b', parentRef: 'u', ownResponses: 2 },
        { ref: 'c', parentRef: 'u', ownResponses: 1 },
      ],
      3,
    );
    // residue u − a = 3 responses, at worst 2 people: hidden
    expect(withSmallB.get('u')).toEqual({ status: 'suppressed', n: 6 });
  });

  it('uses the configured k', () => {
    expect(statuses([['a', undefined, 3]], 3)).toEqual({ a: 'released 3' });
  });

  it.each([2, 0, 4.5])('refuses k = %d', k => {
    expect(() => decideRelease([], k)).toThrow(
      `k must be an integer of at least 3, got ${k}`,
    );
  });
});

describe('mayCompare', () => {
  it.each([
    ['released', 'released', true],
    ['released', 'not-enough-responses', false],
    ['suppressed', 'released', false],
    ['no-data', 'released', false],
  ] as const)('%s then %s: %s', (before, after, expected) => {
    expect(mayCompare({ status: before, n: 5 }, { status: after, n: 5 })).toBe(
      expected,
    );
  });
});
