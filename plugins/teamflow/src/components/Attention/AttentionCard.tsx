import { Typography } from '@material-ui/core';
import useAsync from 'react-use/esm/useAsync';
import {
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { ATTENTION_SIGNALS } from '@teamflow/plugin-teamflow-common';
import { teamflowApiRef } from '../../api/TeamflowApi';
import { useAttentionStyles } from './attentionStyles';

/** The overview's card: the teams with most problems, each a link to the table. */
export function AttentionCard(props: { attentionLink: string }) {
  const api = useApi(teamflowApiRef);
  const classes = useAttentionStyles();
  const { value, loading, error } = useAsync(() => api.getAttention(), [api]);
  let body;
  if (loading) body = <Progress />;
  else if (error) body = <ResponseErrorPanel error={error} />;
  else {
    const worst = (value?.teams ?? [])
      .filter(t => t.problems.length > 0)
      .slice(0, 5);
    const labels = new Map<string, string>(
      ATTENTION_SIGNALS.map(s => [s.key, s.label.toLocaleLowerCase('en-GB')]),
    );
    body =
      worst.length === 0 ? (
        <Typography variant="body2">
          No team shows a problem on any signal.
        </Typography>
      ) : (
        <ul
          aria-label="Teams with most problems"
          style={{ listStyle: 'none', margin: 0, padding: 0 }}
        >
          {worst.map(t => (
            <li key={t.teamRef} style={{ padding: '6px 0' }}>
              <Typography variant="body1">
                <Link to={props.attentionLink}>
                  <strong>{t.title}</strong>
                </Link>{' '}
                — {t.problems.length}{' '}
                {t.problems.length === 1 ? 'problem' : 'problems'}
              </Typography>
              <Typography variant="caption" className={classes.muted}>
                {t.problems.map(p => labels.get(p)).join(', ')}
              </Typography>
            </li>
          ))}
        </ul>
      );
  }
  return (
    <InfoCard
      title="Teams needing attention"
      deepLink={{
        title: 'Every team, every signal',
        link: props.attentionLink,
      }}
    >
      {body}
    </InfoCard>
  );
}
