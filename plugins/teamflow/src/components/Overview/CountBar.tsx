import { Box, Tooltip, Typography } from '@material-ui/core';
import { StructuralLoadBand } from '@teamflow/plugin-teamflow-common';
import { useOverviewStyles } from './overviewStyles';

/** Structural load bands, from calm to overloaded. */
export const BAND_COLOURS: Record<StructuralLoadBand, string> = {
  low: '#a5d6a7',
  moderate: '#fff59d',
  high: '#ffb74d',
  overloaded: '#e57373',
};

/** A horizontal bar of counts, labelled for screen readers. */
export function CountBar(props: {
  label: string;
  parts: Array<{ key: string; count: number; colour: string }>;
}) {
  const classes = useOverviewStyles();
  const total = props.parts.reduce((s, p) => s + p.count, 0);
  if (total === 0) return <Typography variant="body2">No data yet.</Typography>;
  return (
    <>
      <div
        className={classes.bar}
        role="img"
        aria-label={`${props.label}: ${props.parts
          .map(p => `${p.count} ${p.key}`)
          .join(', ')}`}
      >
        {props.parts
          .filter(p => p.count > 0)
          .map(p => (
            <Tooltip key={p.key} title={`${p.count} ${p.key}`}>
              <div
                className={classes.segment}
                style={{ flex: p.count, backgroundColor: p.colour }}
              >
                {p.count}
              </div>
            </Tooltip>
          ))}
      </div>
      <Box display="flex" flexWrap="wrap" style={{ gap: 12 }}>
        {props.parts.map(p => (
          <Typography variant="caption" key={p.key}>
            <span
              style={{
                display: 'inline-block',
                width: 10,
                height: 10,
                background: p.colour,
                marginRight: 4,
              }}
            />
            {p.key}: {p.count}
          </Typography>
        ))}
      </Box>
    </>
  );
}
