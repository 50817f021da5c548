import { Typography } from '@material-ui/core';
import { InfoCard } from '@backstage/core-components';
import { useOrganisationStyles } from './organisationStyles';

/** One finding: its count, and what is behind it or the good news when there is nothing. */
export function Finding(props: {
  title: string;
  total: number;
  none: string;
  children: React.ReactNode;
}) {
  const classes = useOrganisationStyles();
  return (
    <InfoCard title={props.title}>
      <Typography className={classes.count}>{props.total}</Typography>
      {props.total === 0 ? (
        <Typography className={classes.good}>{props.none}</Typography>
      ) : (
        props.children
      )}
    </InfoCard>
  );
}
