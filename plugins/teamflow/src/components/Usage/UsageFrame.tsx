import { ReactNode } from 'react';
import { InfoCard } from '@backstage/core-components';
import { USAGE_WEEKS } from '../../lib/usage';

/** A usage card with the window it sums. */
export function UsageFrame(props: { title: string; children: ReactNode }) {
  return (
    <InfoCard
      title={props.title}
      subheader={`Last ${USAGE_WEEKS} complete weeks; active users are distinct users per week, averaged`}
    >
      {props.children}
    </InfoCard>
  );
}
