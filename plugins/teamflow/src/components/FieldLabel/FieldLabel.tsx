import { Typography, makeStyles } from '@material-ui/core';

const useStyles = makeStyles(
  theme => ({
    label: {
      color: theme.palette.text.secondary,
      textTransform: 'uppercase',
      fontSize: '0.7rem',
      fontWeight: 'bold',
      letterSpacing: 0.5,
      marginTop: theme.spacing(1),
    },
  }),
  { name: 'TeamflowFieldLabel' },
);

/** The small upper-case caption above a value, as in Backstage's About card. */
export function FieldLabel(props: { children: React.ReactNode }) {
  const classes = useStyles();
  return <Typography className={classes.label}>{props.children}</Typography>;
}
