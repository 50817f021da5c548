import { IconButton, Tooltip } from '@material-ui/core';
import ZoomInIcon from '@material-ui/icons/ZoomIn';
import ZoomOutIcon from '@material-ui/icons/ZoomOut';
import FullscreenIcon from '@material-ui/icons/ZoomOutMap';
import { useCanvasStyles } from './canvasStyles';

/** Zoom in, zoom out and fit, in the map's top right corner. */
export function ZoomControls(props: {
  onZoom: (factor: number) => void;
  onFit: () => void;
}) {
  const classes = useCanvasStyles();
  return (
    <div className={classes.controls}>
      <Tooltip title="Zoom in">
        <IconButton
          size="small"
          aria-label="Zoom in"
          onClick={() => props.onZoom(1.4)}
        >
          <ZoomInIcon />
        </IconButton>
      </Tooltip>
      <Tooltip title="Zoom out">
        <IconButton
          size="small"
          aria-label="Zoom out"
          onClick={() => props.onZoom(1 / 1.4)}
        >
          <ZoomOutIcon />
        </IconButton>
      </Tooltip>
      <Tooltip title="Fit the whole map">
        <IconButton
          size="small"
          aria-label="Fit the whole map"
          onClick={props.onFit}
        >
          <FullscreenIcon />
        </IconButton>
      </Tooltip>
    </div>
  );
}
