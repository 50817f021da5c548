import { makeStyles } from '@material-ui/core';
import { LABEL_FONT_PX } from '../../lib/mapLabels';

/** The map canvas's styles, shared by its layers. */
export const useCanvasStyles = makeStyles(
  theme => ({
    root: {
      position: 'relative',
      border: `1px solid ${theme.palette.divider}`,
      borderRadius: 4,
      overflow: 'hidden',
      background: theme.palette.type === 'dark' ? '#1e1e1e' : '#fcfcfc',
      touchAction: 'none',
      userSelect: 'none',
    },
    svg: {
      display: 'block',
      cursor: 'grab',
      '&:active': { cursor: 'grabbing' },
    },
    controls: {
      position: 'absolute',
      right: theme.spacing(1),
      top: theme.spacing(1),
      display: 'flex',
      flexDirection: 'column',
      background: theme.palette.background.paper,
      borderRadius: 4,
      boxShadow: theme.shadows[2],
    },
    node: { cursor: 'pointer', '&:focus': { outline: 'none' } },
    edge: { cursor: 'pointer' },
    label: {
      fontFamily: theme.typography.fontFamily,
      fontSize: 15,
      fill: '#1a1a1a',
      pointerEvents: 'none',
    },
    teamName: {
      fontFamily: theme.typography.fontFamily,
      fontSize: LABEL_FONT_PX,
      fill: '#1a1a1a',
      pointerEvents: 'none',
    },
    /** A name under its shape, on the map's background: a halo keeps it clear of lines. */
    teamNameOutside: {
      stroke: theme.palette.type === 'dark' ? '#1e1e1e' : '#fcfcfc',
      fill: theme.palette.text.primary,
      strokeWidth: 3,
      paintOrder: 'stroke',
    },
    clusterTitle: {
      fontFamily: theme.typography.fontFamily,
      fontWeight: 600,
      fontSize: 14,
      fill: theme.palette.text.primary,
      stroke: theme.palette.background.default,
      strokeWidth: 3,
      paintOrder: 'stroke',
      pointerEvents: 'none',
    },
  }),
  { name: 'TeamflowMapCanvas' },
);
