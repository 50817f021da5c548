import { sparklineMarks } from '../../lib/sparkline';

/**
 * A small line of weekly values: gaps where a week has no data, a dot where
 * a week with data stands alone.
 */
export function Sparkline(props: {
  values: Array<number | null>;
  label: string;
  width?: number;
  height?: number;
  colour?: string;
}) {
  const width = props.width ?? 160;
  const height = props.height ?? 32;
  const { lines, dots } = sparklineMarks(props.values, width, height);
  if (lines.length === 0 && dots.length === 0) return null;
  const colour = props.colour ?? '#1976d2';
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
      {lines.map((d, i) => (
        <path
          key={i}
          d={d}
          fill="none"
          stroke={colour}
          strokeWidth={1.5}
          vectorEffect="non-scaling-stroke"
        />
      ))}
      {/* A zero-length stroke with round caps: stays round when the
          drawing is squeezed sideways, as a circle would not. */}
      {dots.map(p => (
        <path
          key={`${p.x},${p.y}`}
          d={`M${p.x},${p.y}h0`}
          stroke={colour}
          strokeWidth={4}
          strokeLinecap="round"
          vectorEffect="non-scaling-stroke"
        />
      ))}
    </svg>
  );
}
