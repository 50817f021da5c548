/**
 * A small trend line of weekly values; weeks without a value are skipped.
 * `fromZero` draws counts against zero (a fall looks like a fall); without
 * it the line spans its own range (for shares and scores).
 */
export function Sparkline(props: {
  values: Array<number | null>;
  label: string;
  width?: number;
  height?: number;
  fromZero?: boolean;
}) {
  const { values, label, width = 96, height = 24, fromZero = false } = props;
  const known = values.filter((v): v is number => v !== null);
  const max = Math.max(fromZero ? 1 : -Infinity, ...known);
  const min = fromZero ? 0 : Math.min(...known);
  const span = max - min || 1;
  const step = values.length > 1 ? width / (values.length - 1) : 0;
  const points = values
    .map((v, i) =>
      v === null
        ? undefined
        : `${(i * step).toFixed(1)},${(
            height -
            2 -
            ((v - min) / span) * (height - 4)
          ).toFixed(1)}`,
    )
    .filter(Boolean)
    .join(' ');
  return (
    <svg
      width={width}
      height={height}
      role="img"
      aria-label={label}
      style={{ display: 'block' }}
    >
      {known.length > 1 && (
        <polyline
          points={points}
          fill="none"
          stroke="currentColor"
          strokeWidth={1.5}
        />
      )}
    </svg>
  );
}
