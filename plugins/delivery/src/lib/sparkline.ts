/**
 * The marks of a weekly sparkline: a line through each run of weeks with a
 * value, and a dot for a week whose neighbours have none. A week without a
 * value is a gap, never a zero. Without dots, a week standing alone (one
 * recovery in a quiet month) drew a path of one point, which is invisible.
 */
export function sparklineMarks(
  values: Array<number | null>,
  width: number,
  height: number,
): { lines: string[]; dots: Array<{ x: number; y: number }> } {
  const known = values.filter((v): v is number => v !== null);
  const lines: string[] = [];
  const dots: Array<{ x: number; y: number }> = [];
  if (known.length === 0) return { lines, dots };
  const max = Math.max(...known);
  const min = Math.min(0, ...known);
  const round = (n: number) => Math.round(n * 10) / 10;
  const x = (i: number) =>
    round(
      values.length > 1
        ? (i / (values.length - 1)) * (width - 4) + 2
        : width / 2,
    );
  const y = (v: number) =>
    round(height - 3 - ((v - min) / (max - min || 1)) * (height - 6));
  let run: Array<{ x: number; y: number }> = [];
  const close = () => {
    if (run.length === 1) dots.push(run[0]);
    if (run.length > 1)
      lines.push(run.map((p, k) => `${k ? 'L' : 'M'}${p.x},${p.y}`).join(''));
    run = [];
  };
  values.forEach((v, i) => {
    if (v === null) close();
    else run.push({ x: x(i), y: y(v) });
  });
  close();
  return { lines, dots };
}
