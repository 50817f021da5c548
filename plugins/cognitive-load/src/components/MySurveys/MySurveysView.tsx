import { Box, Chip, Typography } from '@material-ui/core';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import {
  EmptyState,
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { cognitiveLoadApiRef } from '../../api/CognitiveLoadApi';
import { formatDate } from '../../lib/present';
import { SurveyForm } from './SurveyForm';

/** Open waves for the signed-in person's teams, each with its questionnaire. */
export function MySurveysView() {
  const api = useApi(cognitiveLoadApiRef);
  const { value, loading, error, retry } = useAsyncRetry(
    () => api.getMySurveys(),
    [api],
  );
  if (loading && !value) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  if (!value?.length) {
    return (
      <EmptyState
        missing="data"
        title="No open survey for your teams"
        description="When a platform or enabling team opens a cognitive-load wave for one of your teams, it shows up here and on your team's page."
      />
    );
  }
  return (
    <>
      {value.map(survey => (
        <Box mb={3} key={`${survey.wave.id}:${survey.team.ref}`}>
          <InfoCard
            title={`${survey.wave.title} — ${survey.team.title}`}
            subheader={`Open until ${formatDate(survey.wave.closesAt)}`}
            action={
              <Chip
                size="small"
                label={survey.answered ? 'Answered' : 'Not answered yet'}
                color={survey.answered ? 'primary' : 'default'}
              />
            }
          >
            <SurveyForm survey={survey} onSaved={retry} />
          </InfoCard>
        </Box>
      ))}
      <Typography variant="caption" color="textSecondary">
        One answer per person, wave and team; saving again replaces your earlier
        answers.
      </Typography>
    </>
  );
}
