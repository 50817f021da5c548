import { useState } from 'react';
import {
  Box,
  Button,
  FormControlLabel,
  Radio,
  RadioGroup,
  Typography,
  makeStyles,
} from '@material-ui/core';
import Alert from '@material-ui/lab/Alert';
import { useApi } from '@backstage/core-plugin-api';
import {
  Answers,
  SUBSCALE_TITLES,
} from '@teamflow/plugin-cognitive-load-common';
import { MySurvey, cognitiveLoadApiRef } from '../../api/CognitiveLoadApi';
import { SCALE_LABELS, formatDate } from '../../lib/present';

const useStyles = makeStyles(
  theme => ({
    statement: {
      padding: theme.spacing(1.5, 0),
      borderBottom: `1px solid ${theme.palette.divider}`,
    },
    options: { flexWrap: 'wrap', gap: theme.spacing(0.5) },
    option: { marginRight: theme.spacing(1) },
  }),
  { name: 'CognitiveLoadSurveyForm' },
);

const NA = 'na';

/**
 * The questionnaire: one row of choices per statement, "not applicable"
 * included; all statements must be answered before saving. Answers can be
 * changed and saved again until the wave closes.
 */
export function SurveyForm(props: { survey: MySurvey; onSaved?: () => void }) {
  const classes = useStyles();
  const api = useApi(cognitiveLoadApiRef);
  const { survey } = props;
  const [answers, setAnswers] = useState<Partial<Answers>>(
    survey.answers ?? {},
  );
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState<string>();
  const [error, setError] = useState<string>();
  const missing = survey.instrument.items.filter(i => !(i.id in answers));

  const save = async () => {
    setSaving(true);
    setError(undefined);
    try {
      const result = await api.answer(
        survey.wave.id,
        survey.team.ref,
        answers as Answers,
      );
      setSaved(
        result.saved === 'created'
          ? 'Thank you, your answers are saved.'
          : 'Your changed answers are saved.',
      );
      props.onSaved?.();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setSaving(false);
    }
  };

  return (
    <form
      aria-label={`${survey.wave.title} for ${survey.team.title}`}
      onSubmit={e => {
        e.preventDefault();
        save();
      }}
    >
      <Typography variant="body2" paragraph>
        {survey.instrument.items.length} statements about your work in{' '}
        {survey.team.title}, about five minutes. Answers are anonymous: they are
        stored under a one-way key, never with your name, and once the wave
        closes not even that key is kept. Every result comes from enough people
        that nobody&apos;s answers can be picked out, and nobody can see you
        change yours: you can do so until {formatDate(survey.wave.closesAt)}.
      </Typography>
      {survey.instrument.items.map((item, index) => {
        const value = answers[item.id];
        let selected = '';
        if (value === null) selected = NA;
        else if (value !== undefined) selected = String(value);
        return (
          <div key={item.id} className={classes.statement}>
            <Typography variant="body1" id={`statement-${item.id}`}>
              {index + 1}. {item.text}
            </Typography>
            <Typography variant="caption" color="textSecondary">
              {SUBSCALE_TITLES[item.subscale]}
            </Typography>
            <RadioGroup
              row
              className={classes.options}
              aria-labelledby={`statement-${item.id}`}
              value={selected}
              onChange={e =>
                setAnswers(a => ({
                  ...a,
                  [item.id]:
                    e.target.value === NA ? null : Number(e.target.value),
                }))
              }
            >
              {SCALE_LABELS.map((label, i) => (
                <FormControlLabel
                  key={label}
                  className={classes.option}
                  value={String(i + 1)}
                  control={<Radio size="small" />}
                  label={label}
                />
              ))}
              <FormControlLabel
                className={classes.option}
                value={NA}
                control={<Radio size="small" />}
                label="Not applicable"
              />
            </RadioGroup>
          </div>
        );
      })}
      <Box mt={2} display="flex" alignItems="center" style={{ gap: 16 }}>
        <Button
          type="submit"
          variant="contained"
          color="primary"
          disabled={saving || missing.length > 0}
        >
          {survey.answered || saved
            ? 'Save my changed answers'
            : 'Send my answers'}
        </Button>
        {missing.length > 0 && (
          <Typography variant="body2" color="textSecondary">
            {missing.length} statement{missing.length === 1 ? '' : 's'} left
          </Typography>
        )}
      </Box>
      {saved && (
        <Box mt={2}>
          <Alert severity="success">{saved}</Alert>
        </Box>
      )}
      {error && (
        <Box mt={2}>
          <Alert severity="error">{error}</Alert>
        </Box>
      )}
    </form>
  );
}
