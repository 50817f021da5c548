import { Typography, makeStyles } from '@material-ui/core';

const useStyles = makeStyles(
  {
    logo: {
      color: '#7df3e1',
      fontWeight: 700,
      fontSize: 26,
      letterSpacing: 0.5,
      lineHeight: '30px',
      whiteSpace: 'nowrap',
    },
  },
  { name: 'TeamflowLogoFull' },
);

/** The Teamflow wordmark shown in the open sidebar. */
const LogoFull = () => {
  const classes = useStyles();
  return <Typography className={classes.logo}>Teamflow</Typography>;
};

export default LogoFull;
