import {
  Chip,
  Grid,
  List,
  ListItem,
  ListItemText,
  Typography,
  makeStyles,
} from '@material-ui/core';
import {
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { EntityRefLink, useEntity } from '@backstage/plugin-catalog-react';
import {
  PersonaEntity,
  TEAMFLOW_RELATIONS,
  getTeamType,
} from '@teamflow/plugin-teamflow-common';
import { TeamTypeChip } from '../TeamTypeChip';
import { useRelatedByType } from '../../hooks/useRelatedByType';
import { FieldLabel } from '../FieldLabel';

const useStyles = makeStyles(
  theme => ({
    chips: { display: 'flex', gap: theme.spacing(1), flexWrap: 'wrap' },
    job: { marginBottom: theme.spacing(1.5) },
    gap: { color: theme.palette.error.main, fontWeight: 600 },
  }),
  { name: 'TeamflowPersonaCards' },
);

function usePersona(): PersonaEntity {
  return useEntity<PersonaEntity>().entity;
}

/** Who the persona is: description, type, lifecycle, owner, segments, evidence. @public */
export function PersonaProfileCard() {
  const classes = useStyles();
  const persona = usePersona();
  const { type, lifecycle, owner, segments = [] } = persona.spec;
  const evidence = persona.metadata.links ?? [];
  return (
    <InfoCard title="Persona">
      <Typography paragraph>{persona.metadata.description}</Typography>
      <div className={classes.chips}>
        <Chip label={type} color="primary" />
        <Chip
          label={
            lifecycle === 'proto'
              ? 'proto-persona (not yet validated)'
              : lifecycle
          }
          variant="outlined"
        />
        {segments.map(s => (
          <Chip key={s} label={s} variant="outlined" size="small" />
        ))}
      </div>
      <FieldLabel>Owner</FieldLabel>
      <EntityRefLink entityRef={owner} defaultKind="group" />
      <FieldLabel>Evidence</FieldLabel>
      {evidence.length === 0 ? (
        <Typography variant="body2">
          No research linked yet (metadata.links).
        </Typography>
      ) : (
        <List dense>
          {evidence.map(l => (
            <ListItem key={l.url} disableGutters>
              <Link to={l.url}>{l.title ?? l.url}</Link>
            </ListItem>
          ))}
        </List>
      )}
    </InfoCard>
  );
}

function Bullets(props: { items: string[]; empty: string }) {
  if (props.items.length === 0) {
    return <Typography variant="body2">{props.empty}</Typography>;
  }
  return (
    <ul style={{ margin: 0, paddingLeft: 20 }}>
      {props.items.map(item => (
        <li key={item}>
          <Typography variant="body2">{item}</Typography>
        </li>
      ))}
    </ul>
  );
}

/** Goals and pains, side by side. @public */
export function PersonaGoalsCard() {
  const { goals = [], pains = [] } = usePersona().spec;
  return (
    <InfoCard title="Goals and pains">
      <Grid container spacing={2}>
        <Grid item xs={12} sm={6}>
          <FieldLabel>Goals</FieldLabel>
          <Bullets items={goals} empty="No goals recorded." />
        </Grid>
        <Grid item xs={12} sm={6}>
          <FieldLabel>Pains</FieldLabel>
          <Bullets items={pains} empty="No pains recorded." />
        </Grid>
      </Grid>
    </InfoCard>
  );
}

/** Jobs to be done, as "When …, I want …, so that …". @public */
export function PersonaJobsCard() {
  const classes = useStyles();
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

/** The teams serving the persona, with their team types. @public */
export function PersonaTeamsCard() {
  const classes = useStyles();
  const persona = usePersona();
  const { value, loading, error } = useRelatedByType(
    persona,
    TEAMFLOW_RELATIONS.servedBy,
  );
  return (
    <InfoCard title="Teams serving this persona">
      {loading && <Progress />}
      {error && <ResponseErrorPanel error={error} />}
      {value && value.length === 0 && (
        <Typography className={classes.gap}>
          No team serves this persona: a coverage gap. Name the teams in
          spec.servedBy.
        </Typography>
      )}
      {value && value.length > 0 && (
        <List dense aria-label="Teams serving this persona">
          {value.map(team => (
            <ListItem key={team.metadata.name} disableGutters divider>
              <ListItemText
                secondaryTypographyProps={{
                  component: 'div',
                  style: { whiteSpace: 'normal' },
                }}
                primary={<EntityRefLink entityRef={team} />}
                secondary={team.metadata.description}
              />
              <TeamTypeChip
                type={getTeamType(team) ?? 'undeclared'}
                size="small"
              />
            </ListItem>
          ))}
        </List>
      )}
    </InfoCard>
  );
}

/** The systems and components the persona uses, how often and why. @public */
export function PersonaUsesCard() {
  const { uses = [] } = usePersona().spec;
  return (
    <InfoCard title="Uses">
      {uses.length === 0 && (
        <Typography variant="body2">
          No systems or components recorded.
        </Typography>
      )}
      {uses.length > 0 && (
        <List dense aria-label="Systems and components used">
          {uses.map(use => (
            <ListItem key={use.entityRef} disableGutters divider>
              <ListItemText
                secondaryTypographyProps={{
                  component: 'div',
                  style: { whiteSpace: 'normal' },
                }}
                primary={
                  <>
                    <EntityRefLink
                      entityRef={use.entityRef}
                      defaultKind="component"
                    />
                    {use.frequency && (
                      <Chip
                        size="small"
                        label={use.frequency}
                        style={{ marginLeft: 8 }}
                      />
                    )}
                  </>
                }
                secondary={use.why}
              />
            </ListItem>
          ))}
        </List>
      )}
    </InfoCard>
  );
}
