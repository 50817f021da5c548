import { ReactNode } from 'react';
import { InfoCard } from '@backstage/core-components';
import { useOverviewStyles } from './overviewStyles';

/** A clearly marked place for a card another Teamflow plugin provides. */
export function Placeholder(props: { title: string; children: ReactNode }) {
  const classes = useOverviewStyles();
  return (
    <InfoCard title={props.title}>
      <div className={classes.placeholder} role="note">
        {props.children}
      </div>
    </InfoCard>
  );
}
