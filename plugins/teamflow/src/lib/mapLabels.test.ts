import {
  LABEL_LINE_PX,
  LabelCandidate,
  PlacedLabel,
  nameVariants,
  placeLabels,
} from './mapLabels';

// 6 px a character: widths below are worked out by hand from it.
const measure = (text: string) => text.length * 6;

const team = (
  title: string,
  x: number,
  y: number,
  priority = 0,
  size = { hw: 30, hh: 10 },
): LabelCandidate => ({
  ref: `group:default/${title.toLowerCase().replace(/ /g, '-')}`,
  title,
  x,
  y,
  ...size,
  priority,
});

const overlap = (a: PlacedLabel['box'], b: PlacedLabel['box']) =>
  a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

const viewport = { width: 1000, height: 800 };

describe('team names on the map', () => {
  it('writes a name inside its shape when it fits there, else under it', () => {
    const [inside, under] = placeLabels(
      [
        team('Ops', 100, 100, 2),
        team('Checkout', 400, 100, 1, { hw: 20, hh: 10 }),
      ],
      viewport,
      measure,
    );
    // "Ops": 18 px wide, the shape's inside is 2 × 30 − 8 = 52 px: centred on it.
    expect(inside).toMatchObject({ ref: 'group:default/ops', inside: true });
    expect(inside.box).toEqual({
      left: 91,
      right: 109,
      top: 100 - LABEL_LINE_PX / 2,
      bottom: 100 + LABEL_LINE_PX / 2,
    });
    // "Checkout": 48 px, wider than a 2 × 20 − 8 = 32 px inside: under the shape.
    expect(under).toMatchObject({ lines: ['Checkout'], inside: false });
    expect(under.box.top).toBe(100 + 10 + 4);
  });

  it('names the more important of two teams whose names would collide', () => {
    // 70 px apart; both names are 96 px wide on one line and 48 on two.
    const names = placeLabels(
      [
        team('Courier Experience', 100, 100, 1, { hw: 30, hh: 10 }),
        team('Customer Accounts', 170, 100, 50, { hw: 30, hh: 10 }),
      ],
      viewport,
      measure,
    );
    expect(names.map(n => [n.ref, n.lines])).toEqual([
      ['group:default/customer-accounts', ['Customer', 'Accounts']],
      ['group:default/courier-experience', ['Courier', 'Experience']],
    ]);
    // 40 px apart: the second no longer fits beside the first and is left out.
    const crowded = placeLabels(
      [
        team('Courier Experience', 100, 100, 1),
        team('Customer Accounts', 140, 100, 50),
      ],
      viewport,
      measure,
    );
    expect(crowded.map(n => n.ref)).toEqual([
      'group:default/customer-accounts',
    ]);
  });

  it('never covers another team and never overlaps another name, however crowded', () => {
    const teams: LabelCandidate[] = [];
    for (let i = 0; i < 400; i++) {
      teams.push(
        team(
          `Team number ${i}`,
          (i % 20) * 45 + 20,
          Math.floor(i / 20) * 38 + 20,
          i % 7,
          { hw: 16, hh: 6 },
        ),
      );
    }
    const names = placeLabels(teams, viewport, measure);
    expect(names.length).toBeGreaterThan(20);
    expect(names.length).toBeLessThan(400);
    const clashes: string[] = [];
    for (const a of names) {
      for (const b of names) {
        if (a !== b && overlap(a.box, b.box)) clashes.push(`${a.ref}/${b.ref}`);
      }
      for (const t of teams) {
        const shape = {
          left: t.x - t.hw,
          right: t.x + t.hw,
          top: t.y - t.hh,
          bottom: t.y + t.hh,
        };
        if (t.ref !== a.ref && overlap(a.box, shape)) {
          clashes.push(`${a.ref} covers ${t.ref}`);
        }
      }
    }
    expect(clashes).toEqual([]);
  });

  it('keeps names clear of the clusters’ titles', () => {
    // "Ops" would sit inside its shape at 91..109 × 93..107, where a title is drawn.
    const title = { left: 60, right: 140, top: 95, bottom: 110 };
    expect(
      placeLabels([team('Ops', 100, 100)], viewport, measure, [title]),
    ).toEqual([]);
    expect(
      placeLabels([team('Ops', 100, 100)], viewport, measure, [
        { ...title, top: 150, bottom: 165 },
      ]),
    ).toHaveLength(1);
  });

  it('leaves out teams panned out of view', () => {
    const names = placeLabels(
      [team('Far left', -200, 100), team('Here', 300, 100)],
      viewport,
      measure,
    );
    expect(names.map(n => n.ref)).toEqual(['group:default/here']);
  });

  it('splits a long name at the space nearest its middle, shortening only what is still too long', () => {
    expect(nameVariants('Reliability Enablement', 60, measure)).toEqual([
      ['Reliability', 'Enablement'],
      ['Reliability Enablement'],
    ]);
    expect(nameVariants('Data Platform', 200, measure)).toEqual([
      ['Data Platform'],
      ['Data', 'Platform'],
    ]);
    expect(
      nameVariants('Extraordinarilylongteamname Platform', 60, measure)[0],
    ).toEqual(['Extraordinarily…', 'Platform']);
    expect(nameVariants('Payments', 10, measure)).toEqual([['Payments']]);
  });
});
