/**
 * Team names on the dependency map, placed in screen space so they are the
 * same readable size at every zoom. A name that would overlap one already
 * placed is left out (its team keeps its tooltip and accessible name); names
 * are placed most important first, so the teams a reader should look at are
 * the ones named when the whole organisation is in view.
 */

/** Screen font size of a team's name, in px. The issue asks for at least 12. */
export const LABEL_FONT_PX = 12;
export const LABEL_LINE_PX = 14;
/** Longest line before a name is shortened with an ellipsis. */
const MAX_LINE = 16;
/** Space kept between two names, in px. */
const MARGIN = 3;

export type LabelCandidate = {
  ref: string;
  title: string;
  /** Centre of the team's shape, on screen. */
  x: number;
  y: number;
  /** Half width and half height of the team's shape, on screen. */
  hw: number;
  hh: number;
  /** Higher is placed first. */
  priority: number;
};

export type PlacedLabel = {
  ref: string;
  lines: string[];
  /** Centre of the first line's baseline box, on screen. */
  x: number;
  y: number;
  /** The name sits inside the team's shape (else below it). */
  inside: boolean;
  box: Rect;
};

export type Rect = { left: number; top: number; right: number; bottom: number };

/**
 * Width of a line of text at {@link LABEL_FONT_PX}. The default is a
 * deliberately generous estimate (0.6 em a character) for when no canvas is
 * available to measure with.
 */
export type Measure = (text: string) => number;
export const estimateWidth: Measure = text => text.length * LABEL_FONT_PX * 0.6;

function shortenTo(line: string, max: number) {
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}
const shorten = (line: string) => shortenTo(line, MAX_LINE);

/**
 * The ways a name can be written, preferred first: on one line, and split on
 * two at the space nearest the middle. A one-line name wider than `room`
 * prefers two lines.
 */
export function nameVariants(
  title: string,
  room: number,
  measure: Measure,
): string[][] {
  const one = [
    title.length > MAX_LINE + 6 ? shortenTo(title, MAX_LINE + 6) : title,
  ];
  let best = -1;
  for (let i = 0; i < title.length; i++) {
    if (
      title[i] === ' ' &&
      (best < 0 ||
        Math.abs(i - title.length / 2) < Math.abs(best - title.length / 2))
    ) {
      best = i;
    }
  }
  if (best < 0) return [[shorten(title)]];
  const two = [
    shorten(title.slice(0, best)),
    shorten(title.slice(best + 1).trim()),
  ];
  return measure(one[0]) <= room ? [one, two] : [two, one];
}

const overlaps = (a: Rect, b: Rect) =>
  a.left < b.right + MARGIN &&
  b.left < a.right + MARGIN &&
  a.top < b.bottom + MARGIN &&
  b.top < a.bottom + MARGIN;

/**
 * Places names most important first, skipping any that would overlap a name
 * already placed or fall outside the visible area. A name goes inside its
 * team's shape when it fits there, else just below the shape.
 */
export function placeLabels(
  candidates: LabelCandidate[],
  viewport: { width: number; height: number },
  measure: Measure = estimateWidth,
  /** Other things drawn on screen that names must keep clear of (titles). */
  obstacles: Rect[] = [],
): PlacedLabel[] {
  const order = [...candidates].sort(
    (a, b) => b.priority - a.priority || a.title.localeCompare(b.title),
  );
  const visible = order.filter(
    c =>
      c.x + c.hw >= 0 &&
      c.x - c.hw <= viewport.width &&
      c.y + c.hh >= 0 &&
      c.y - c.hh <= viewport.height,
  );
  const placed: PlacedLabel[] = [];
  // Names and shapes by 100 px cell, so each check looks at its neighbours only.
  const cells = new Map<string, { ref: string; box: Rect }[]>();
  const cellsOf = (r: Rect) => {
    const keys: string[] = [];
    const [x0, x1] = [Math.floor(r.left / 100), Math.floor(r.right / 100)];
    const [y0, y1] = [Math.floor(r.top / 100), Math.floor(r.bottom / 100)];
    for (let cx = x0; cx <= x1; cx++) {
      for (let cy = y0; cy <= y1; cy++) keys.push(`${cx}:${cy}`);
    }
    return keys;
  };
  const add = (item: { ref: string; box: Rect }) => {
    for (const k of cellsOf(item.box)) {
      cells.set(k, [...(cells.get(k) ?? []), item]);
    }
  };
  obstacles.forEach((box, i) => add({ ref: `#obstacle${i}`, box }));
  // Other teams' shapes are obstacles too: a name never covers a team.
  for (const c of visible) {
    add({
      ref: c.ref,
      box: {
        left: c.x - c.hw,
        right: c.x + c.hw,
        top: c.y - c.hh,
        bottom: c.y + c.hh,
      },
    });
  }
  const clashes = (ref: string, box: Rect) =>
    cellsOf(box).some(k =>
      (cells.get(k) ?? []).some(
        // Its own shape is not in the way: the name sits in it or under it.
        p => p.ref !== ref && overlaps(p.box, box),
      ),
    );
  for (const c of visible) {
    const inner = 2 * c.hw - 8;
    for (const lines of nameVariants(c.title, 2 * c.hw + 16, measure)) {
      const width = Math.max(...lines.map(measure));
      const height = lines.length * LABEL_LINE_PX;
      const inside = width <= inner && height <= 2 * c.hh - 4;
      const top = inside ? c.y - height / 2 : c.y + c.hh + MARGIN + 1;
      const box = {
        left: c.x - width / 2,
        right: c.x + width / 2,
        top,
        bottom: top + height,
      };
      if (clashes(c.ref, box)) continue;
      placed.push({ ref: c.ref, lines, x: c.x, y: top, inside, box });
      add({ ref: `${c.ref}#name`, box });
      break;
    }
  }
  return placed;
}
