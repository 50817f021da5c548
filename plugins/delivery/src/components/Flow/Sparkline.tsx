/** A small line of weekly values; gaps where a week has no data. */
export function Sparkline(props: {
  values: Array<number | null>;
  label: string;
  width?: number;
  height?: number;
  colour?: string;
}) {
  const width = props.width ?? 160;
  const height = props.height ?? 32;
  const known = props.values.filter((v): v is number => v !== null);
  if (known.length < 2) return null;
  const max = Math.max(...known);
  const min = Math.min(0, ...known);
  const x = (i: number) =>
    props.values.length > 1
      ? (i / (props.values.length - 1)) * (width - 4) + 2
      : 2;
  const y = (v: number) =>
    height - 3 - ((v - min) / (max - min || 1)) * (height - 6);
  const segments: string[] = [];
  let current = '';
  props.values.forEach((v, i) => {
    if (v === null) {
      if (current) segments.push(current);
      current = '';
      return;
    }
    current += `${current ? 'L' : 'M'}${x(i).toFixed(1)},${y(v).toFixed(1)}`;
  });
  if (current) segments.push(current);
  return (
    // Scales down with its container (a narrow tile at 1024 px) instead of
    // running past it; the stroke keeps its width.
    <svg
      width="100%"
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      preserveAspectRatio="none"
      style={{ maxWidth: width, display: 'block' }}
      role="img"
      aria-label={props.label}
    >
      {segments.map((d, i) => (
        <path
          key={i}
          d={d}
          fill="none"
          stroke={props.colour ?? '#1976d2'}
          strokeWidth={1.5}
          vectorEffect="non-scaling-stroke"
        />
      ))}
    </svg>
  );
}
