import { Box, Button, Chip, Paper, Typography } from '@material-ui/core';
import { FlowDefinitions } from '@teamflow/plugin-delivery-common';
import { Tile, definitionOf } from '../../lib/format';
import { Sparkline } from './Sparkline';

/** Chips wrap their text in narrow tiles instead of widening them. */
const wrapLabel = {
  whiteSpace: 'normal',
  display: 'block',
  padding: '2px 0',
} as const;

const BAND_COLOURS: Record<string, string> = {
  elite: '#2e7d32',
  high: '#558b2f',
  medium: '#ef6c00',
  low: '#c62828',
};

/** One metric: its value or "not enough data", band, target and weekly line. */
export function TileView(props: {
  tile: Tile;
  definitions: FlowDefinitions;
  minimumSample: number;
  onOpen?: () => void;
}) {
  const { tile } = props;
  return (
    <Paper variant="outlined" style={{ height: '100%' }}>
      <Box
        p={2}
        display="flex"
        flexDirection="column"
        height="100%"
        aria-label={tile.title}
        role="group"
      >
        <Typography variant="subtitle2">{tile.title}</Typography>
        {tile.value === null ? (
          <Box my={1}>
            <Typography variant="h6" color="textSecondary">
              Not enough data
            </Typography>
            <Typography variant="caption" color="textSecondary">
              {tile.n} of at least {props.minimumSample} observations in this
              window
            </Typography>
          </Box>
        ) : (
          <Box my={1}>
            <Typography variant="h5" component="p">
              {tile.approximate ? '≈ ' : ''}
              {tile.value}
            </Typography>
            <Typography variant="caption" color="textSecondary">
              {tile.detail}
            </Typography>
          </Box>
        )}
        <Box display="flex" flexWrap="wrap" style={{ gap: 4 }}>
          {tile.band && (
            <Chip
              size="small"
              label={
                <span style={wrapLabel}>
                  {tile.band.band} · {tile.band.label}
                </span>
              }
              style={{
                background: BAND_COLOURS[tile.band.band],
                color: '#fff',
                height: 'auto',
              }}
            />
          )}
          {tile.target && (
            <Chip
              size="small"
              variant="outlined"
              style={{ height: 'auto' }}
              label={
                <span style={wrapLabel}>
                  {tile.target.met ? 'meets' : 'misses'} {tile.target.text}
                </span>
              }
            />
          )}
        </Box>
        <Box mt={1}>
          <Sparkline
            values={tile.weekly}
            label={`${tile.title} per week`}
            colour={tile.lowerIsBetter ? '#6a1b9a' : '#1976d2'}
          />
        </Box>
        <Box flexGrow={1} />
        <Typography variant="caption" color="textSecondary" component="p">
          {definitionOf(tile.key, props.definitions)}
        </Typography>
        {props.onOpen && (
          <Box mt={1}>
            <Button size="small" color="primary" onClick={props.onOpen}>
              Show the events
            </Button>
          </Box>
        )}
      </Box>
    </Paper>
  );
}
