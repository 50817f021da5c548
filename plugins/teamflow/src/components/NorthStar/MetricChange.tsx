import { useNorthStarStyles } from './northStarStyles';

/** A metric's change as a signed percentage, coloured from ±5 %. */
export function MetricChange(props: { change: number | null }) {
  const classes = useNorthStarStyles();
  const { change } = props;
  if (change === null) return <>–</>;
  let sign = '';
  if (change > 0) sign = '+';
  else if (change < 0) sign = '−';
  let className: string | undefined;
  if (change >= 5) className = classes.up;
  else if (change <= -5) className = classes.down;
  return <span className={className}>{`${sign}${Math.abs(change)}%`}</span>;
}
