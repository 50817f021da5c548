import { Typography } from '@material-ui/core';
import { InfoCard, Link } from '@backstage/core-components';
import { ScorecardItem } from '@teamflow/plugin-teamflow-common';
import { StatusIcon } from './StatusIcon';
import { useOverviewStyles } from './overviewStyles';

/** The org-health scorecard: each line a count against its rule, linking to the teams behind it. */
export function Scorecard(props: {
  items: ScorecardItem[];
  /** Where each count leads: the list behind it. */
  links: Partial<Record<string, string>>;
}) {
  const classes = useOverviewStyles();
  return (
    <InfoCard title="Org-health scorecard">
      <ul className={classes.scorecard} aria-label="Org-health scorecard">
        {props.items.map(item => (
          <li key={item.id} className={classes.scoreRow}>
            <StatusIcon status={item.status} />
            <div>
              <Typography variant="body1">
                {props.links[item.id] ? (
                  <Link to={props.links[item.id]!}>
                    <strong>
                      {item.value}
                      {item.of !== undefined ? ` of ${item.of}` : ''}
                    </strong>
                  </Link>
                ) : (
                  <strong>
                    {item.value}
                    {item.of !== undefined ? ` of ${item.of}` : ''}
                  </strong>
                )}{' '}
                {item.label.toLocaleLowerCase()}
              </Typography>
              <Typography variant="caption" color="textSecondary">
                {item.description}
              </Typography>
            </div>
          </li>
        ))}
      </ul>
    </InfoCard>
  );
}
