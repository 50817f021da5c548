import { Typography } from '@material-ui/core';
import { InfoCard } from '@backstage/core-components';
import { usePersonaStyles } from './personaStyles';
import { usePersona } from './usePersona';

/** Jobs to be done, as "When …, I want …, so that …". @public */
export function PersonaJobsCard() {
  const classes = usePersonaStyles();
  const { jobs = [] } = usePersona().spec;
  return (
    <InfoCard title="Jobs to be done">
      {jobs.length === 0 && (
        <Typography variant="body2">No jobs to be done recorded.</Typography>
      )}
      {jobs.map(job => (
        <Typography key={job.when + job.want} className={classes.job}>
          <strong>When</strong> {job.when}, <strong>I want</strong> {job.want},{' '}
          <strong>so that</strong> {job.soThat}.
        </Typography>
      ))}
    </InfoCard>
  );
}
