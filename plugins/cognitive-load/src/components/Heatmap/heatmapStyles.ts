import { makeStyles } from '@material-ui/core';

/** The heatmap's styles: cells coloured by band. */
export const useHeatmapStyles = makeStyles(
  theme => ({
    cell: { textAlign: 'center', minWidth: 90, padding: theme.spacing(0.75) },
    median: { fontWeight: 700, fontSize: '1rem' },
    spread: { fontSize: 11, color: '#333' },
    withheld: {
      fontStyle: 'italic',
      color: theme.palette.text.secondary,
      textAlign: 'center',
    },
    select: { minWidth: 260, marginBottom: theme.spacing(2) },
    // Names wrap between words, never inside one.
    // Narrow windows scroll the table instead of squeezing its words.
    scroll: { overflowX: 'auto' },
    name: { minWidth: 180, wordBreak: 'normal', overflowWrap: 'normal' },
  }),
  { name: 'CognitiveLoadHeatmap' },
);
