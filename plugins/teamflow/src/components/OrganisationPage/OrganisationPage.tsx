import {
  Chip,
  Grid,
  List,
  ListItem,
  ListItemText,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
  makeStyles,
  TableContainer,
  withStyles,
} from '@material-ui/core';
import {
  Content,
  Header,
  InfoCard,
  Page,
  Progress,
  ResponseErrorPanel,
  TabbedLayout,
} from '@backstage/core-components';
import { configApiRef, useApi, useRouteRef } from '@backstage/core-plugin-api';
import { rootRouteRef } from '../../routes';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  TEAMFLOW_RELATIONS,
  getTeamFocus,
  READABLE_TABLE_STYLES,
  valueStreamTitle,
} from '@teamflow/plugin-teamflow-common';
import { TeamTypeChip } from '../TeamTypeChip';
import { OwnerRef } from '../OwnerRef';
import {
  analysePersonaCoverage,
  buildDirectory,
  findOwnershipProblems,
} from '../../lib/organisation';
import { useOwnedEntities, useTeamsAndPersonas } from './useOrganisation';
import { DependencyMapView } from '../DependencyMap';
import { OverviewSlots, OverviewView } from '../Overview';
import { AttentionView } from '../Attention';

const ReadableTable = withStyles(READABLE_TABLE_STYLES)(TableContainer);

const useStyles = makeStyles(
  theme => ({
    good: { color: theme.palette.success.main },
    count: { fontWeight: 700, fontSize: '2rem', lineHeight: 1 },
  }),
  { name: 'TeamflowOrganisationPage' },
);

const count = (relations: { type: string }[] | undefined, type: string) =>
  (relations ?? []).filter(r => r.type === type).length;

function TeamDirectory() {
  const { value, loading, error } = useTeamsAndPersonas();
  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  const sections = buildDirectory(value!.teams);
  if (sections.length === 0) {
    return (
      <Typography>
        No team Groups (spec.type: team) in the catalog yet.
      </Typography>
    );
  }
  return (
    <Grid container spacing={3}>
      {sections.map(section => (
        <Grid item xs={12} key={section.title}>
          <InfoCard
            title={
              section.kind === 'value-stream' ||
              section.kind === 'platform-grouping'
                ? valueStreamTitle(section.title)
                : section.title
            }
            subheader={`${
              section.kind === 'value-stream' ? 'Value stream' : ''
            }${
              section.kind === 'platform-grouping' ? 'Platform grouping' : ''
            } · ${section.teams.length} team${
              section.teams.length === 1 ? '' : 's'
            }`}
          >
            <ReadableTable>
              <Table
                size="small"
                aria-label={`Teams in ${
                  section.kind === 'value-stream' ||
                  section.kind === 'platform-grouping'
                    ? valueStreamTitle(section.title)
                    : section.title
                }`}
              >
                <TableHead>
                  <TableRow>
                    <TableCell>Team</TableCell>
                    <TableCell>Type</TableCell>
                    <TableCell>Focus</TableCell>
                    <TableCell align="right" style={{ whiteSpace: 'nowrap' }}>
                      Personas
                    </TableCell>
                    <TableCell align="right" style={{ whiteSpace: 'nowrap' }}>
                      Members
                    </TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {section.teams.map(({ entity, type }) => (
                    <TableRow key={entity.metadata.name}>
                      <TableCell>
                        <EntityRefLink entityRef={entity} />
                      </TableCell>
                      <TableCell>
                        <TeamTypeChip type={type} size="small" />
                      </TableCell>
                      <TableCell>{getTeamFocus(entity) ?? '—'}</TableCell>
                      <TableCell align="right">
                        {count(entity.relations, TEAMFLOW_RELATIONS.serves)}
                      </TableCell>
                      <TableCell align="right">
                        {count(entity.relations, 'hasMember')}
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </ReadableTable>
          </InfoCard>
        </Grid>
      ))}
    </Grid>
  );
}

function Finding(props: {
  title: string;
  total: number;
  none: string;
  children: React.ReactNode;
}) {
  const classes = useStyles();
  return (
    <InfoCard title={props.title}>
      <Typography className={classes.count}>{props.total}</Typography>
      {props.total === 0 ? (
        <Typography className={classes.good}>{props.none}</Typography>
      ) : (
        props.children
      )}
    </InfoCard>
  );
}

function PersonaCoverageView() {
  const { value, loading, error } = useTeamsAndPersonas();
  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  if (value!.personas.length === 0) {
    return (
      <Typography>
        No personas in the catalog yet: add kind Persona entities
        (teamflow.io/v1alpha1) to see coverage.
      </Typography>
    );
  }
  const coverage = analysePersonaCoverage(value!.personas, value!.teams);
  return (
    <Grid container spacing={3}>
      <Grid item xs={12} md={4}>
        <Finding
          title="Personas no team serves"
          total={coverage.unservedPersonas.length}
          none="Every persona is served by at least one team."
        >
          <List dense aria-label="Personas no team serves">
            {coverage.unservedPersonas.map(p => (
              <ListItem key={p.metadata.name} disableGutters>
                <ListItemText
                  primary={<EntityRefLink entityRef={p} />}
                  secondary={p.metadata.description}
                />
              </ListItem>
            ))}
          </List>
        </Finding>
      </Grid>
      <Grid item xs={12} md={4}>
        <Finding
          title="Stream-aligned teams serving no persona"
          total={coverage.streamAlignedWithoutPersona.length}
          none="Every stream-aligned team serves at least one persona."
        >
          <List dense aria-label="Stream-aligned teams serving no persona">
            {coverage.streamAlignedWithoutPersona.map(t => (
              <ListItem key={t.metadata.name} disableGutters>
                <ListItemText
                  primary={<EntityRefLink entityRef={t} />}
                  secondary={getTeamFocus(t)}
                />
              </ListItem>
            ))}
          </List>
        </Finding>
      </Grid>
      <Grid item xs={12} md={4}>
        <Finding
          title="Personas served by several teams"
          total={coverage.sharedPersonas.length}
          none="No persona is shared between teams."
        >
          <List dense aria-label="Personas served by several teams">
            {coverage.sharedPersonas.map(({ persona, teamRefs }) => (
              <ListItem key={persona.metadata.name} disableGutters>
                <ListItemText
                  primary={
                    <>
                      <EntityRefLink entityRef={persona} />{' '}
                      <Chip size="small" label={`${teamRefs.length} teams`} />
                    </>
                  }
                  secondaryTypographyProps={{ component: 'div' }}
                  secondary={teamRefs.map((ref, i) => (
                    <span key={ref}>
                      {i > 0 && ', '}
                      <EntityRefLink entityRef={ref} defaultKind="group" />
                    </span>
                  ))}
                />
              </ListItem>
            ))}
          </List>
        </Finding>
      </Grid>
    </Grid>
  );
}

/** "69 components, 12 APIs, …": what the hygiene check counted, by kind. */
function countByKind(entities: Array<{ kind: string }>): string {
  const counts = new Map<string, number>();
  for (const e of entities) {
    const kind = e.kind.toLocaleLowerCase('en-US');
    counts.set(kind, (counts.get(kind) ?? 0) + 1);
  }
  const plural = (kind: string, n: number) => {
    const name =
      ({ api: 'API', teaminteraction: 'team interaction' } as const)[
        kind as 'api' | 'teaminteraction'
      ] ?? kind;
    if (n === 1) return name;
    return name.endsWith('y') ? `${name.slice(0, -1)}ies` : `${name}s`;
  };
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], 'en'))
    .map(([kind, n]) => `${n} ${plural(kind, n)}`)
    .join(', ');
}

function OwnershipHygieneView() {
  const { value, loading, error } = useOwnedEntities();
  if (loading) return <Progress />;
  if (error) return <ResponseErrorPanel error={error} />;
  const problems = findOwnershipProblems(value!.owned, value!.groupRefs);
  return (
    <Finding
      title="Entities whose owner is not a team in the catalog"
      total={problems.length}
      none={`All ${
        value!.owned.length
      } owned entities belong to a Group in the catalog.`}
    >
      <Typography variant="body2" paragraph>
        Ownership should rest with a team: a person leaves, a misspelt group
        owns nothing. Checked {value!.owned.length} owned entities:{' '}
        {countByKind(value!.owned)}. The overview's ownership card counts
        components only.
      </Typography>
      <ReadableTable>
        <Table size="small" aria-label="Ownership problems">
          <TableHead>
            <TableRow>
              <TableCell>Entity</TableCell>
              <TableCell>Kind</TableCell>
              <TableCell>Owner</TableCell>
              <TableCell>Problem</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {problems.map(({ entity, owner, problem }) => (
              <TableRow key={`${entity.kind}:${entity.metadata.name}`}>
                <TableCell>
                  <EntityRefLink entityRef={entity} />
                </TableCell>
                <TableCell>{entity.kind}</TableCell>
                <TableCell>
                  {owner ? <OwnerRef owner={owner} /> : '—'}
                </TableCell>
                <TableCell>{problem}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </ReadableTable>
    </Finding>
  );
}

/**
 * Organisation pages: the CTO overview, the team dependency map, the team
 * directory by value stream and type, persona coverage, ownership hygiene.
 * `overviewCards` fill the overview's delivery, cognitive-load and debt places.
 *
 * @public
 */
export function OrganisationPage(props: { overviewCards?: OverviewSlots }) {
  const root = useRouteRef(rootRouteRef);
  const orgName =
    useApi(configApiRef).getOptionalString('organization.name') ??
    'the organisation';
  return (
    <Page themeId="home">
      <Header
        title="Organisation"
        subtitle={`Teams, personas and ownership at ${orgName}`}
      />
      <TabbedLayout>
        <TabbedLayout.Route path="/" title="Overview">
          <Content>
            <OverviewView
              slots={props.overviewCards}
              mapLink={`${root()}/map`}
            />
          </Content>
        </TabbedLayout.Route>
        <TabbedLayout.Route path="/attention" title="Needs attention">
          <Content>
            <AttentionView mapLink={`${root()}/map`} />
          </Content>
        </TabbedLayout.Route>
        <TabbedLayout.Route path="/map" title="Dependency map">
          <Content>
            <DependencyMapView />
          </Content>
        </TabbedLayout.Route>
        <TabbedLayout.Route path="/directory" title="Team directory">
          <Content>
            <TeamDirectory />
          </Content>
        </TabbedLayout.Route>
        <TabbedLayout.Route path="/coverage" title="Persona coverage">
          <Content>
            <PersonaCoverageView />
          </Content>
        </TabbedLayout.Route>
        <TabbedLayout.Route path="/hygiene" title="Ownership hygiene">
          <Content>
            <OwnershipHygieneView />
          </Content>
        </TabbedLayout.Route>
      </TabbedLayout>
    </Page>
  );
}
