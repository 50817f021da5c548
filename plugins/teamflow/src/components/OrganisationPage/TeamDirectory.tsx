import {
  Grid,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  TEAMFLOW_RELATIONS,
  getTeamFocus,
  valueStreamTitle,
} from '@teamflow/plugin-teamflow-common';
import { TeamTypeChip } from '../TeamTypeChip';
import { buildDirectory } from '../../lib/organisation';
import { useTeamsAndPersonas } from './useOrganisation';
import { ReadableTable } from '../ReadableTable';

const count = (relations: { type: string }[] | undefined, type: string) =>
  (relations ?? []).filter(r => r.type === type).length;

/** Every team by type, with its members, personas served and what it owns. */
export function TeamDirectory() {
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
