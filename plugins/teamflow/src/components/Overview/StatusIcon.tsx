import CheckCircleIcon from '@material-ui/icons/CheckCircle';
import WarningIcon from '@material-ui/icons/Warning';
import ErrorIcon from '@material-ui/icons/Error';
import { ScorecardItem } from '@teamflow/plugin-teamflow-common';
import { useOverviewStyles } from './overviewStyles';

/** A scorecard line's status: good, warning or problem, named for screen readers. */
export function StatusIcon(props: { status: ScorecardItem['status'] }) {
  const classes = useOverviewStyles();
  if (props.status === 'good') {
    return <CheckCircleIcon className={classes.good} aria-label="good" />;
  }
  if (props.status === 'warning') {
    return <WarningIcon className={classes.warning} aria-label="warning" />;
  }
  return <ErrorIcon className={classes.problem} aria-label="problem" />;
}
