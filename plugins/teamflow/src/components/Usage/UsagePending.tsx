import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { NotConnected } from './NotConnected';
import { UsageFrame } from './UsageFrame';

/** A usage card before its figures: loading, failed, or no analytics connected. */
export function UsagePending(props: {
  title: string;
  state: { loading: boolean; error?: Error };
}) {
  const { title, state } = props;
  let body = <NotConnected />;
  if (state.loading) body = <Progress />;
  else if (state.error) body = <ResponseErrorPanel error={state.error} />;
  return <UsageFrame title={title}>{body}</UsageFrame>;
}
