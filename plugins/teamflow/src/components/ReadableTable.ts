import { TableContainer, withStyles } from '@material-ui/core';
import { READABLE_TABLE_STYLES } from '@teamflow/plugin-teamflow-common';

/** The plugin's tables: readable on narrow screens, scrolled sideways. */
export const ReadableTable = withStyles(READABLE_TABLE_STYLES)(TableContainer);
