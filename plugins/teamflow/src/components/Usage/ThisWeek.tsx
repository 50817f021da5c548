import { Typography } from '@material-ui/core';
import { UsageResponse } from '@teamflow/plugin-teamflow-common';
import { formatUsers } from '../../lib/usage';

/** The week in progress: users and events so far (a new source shows within a minute). */
export function ThisWeek(props: { value?: UsageResponse['thisWeek'][number] }) {
  const { value } = props;
  if (!value) return <>0</>;
  return (
    <>
      {formatUsers(value.activeUsers)}{' '}
      <Typography variant="caption" component="span">
        ({value.events.toLocaleString('en-GB')}{' '}
        {value.events === 1 ? 'event' : 'events'})
      </Typography>
    </>
  );
}
