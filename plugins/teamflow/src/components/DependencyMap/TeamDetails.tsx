import {
  Box,
  List,
  ListItem,
  ListItemText,
  Typography,
} from '@material-ui/core';
import { InfoCard } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { TeamNode, valueStreamTitle } from '@teamflow/plugin-teamflow-common';
import { MapEdge } from '../../lib/mapGeometry';
import { shortRef } from '../../lib/mapFilter';
import { TeamTypeChip } from '../TeamTypeChip';
import { EdgeFlags } from './EdgeFlags';

/** A team on the map: what it is and owns, whom it depends on and who depends on it. */
export function TeamDetails(props: {
  team: TeamNode;
  edges: MapEdge[];
  titles: Map<string, string>;
  onSelectEdge: (edge: MapEdge) => void;
}) {
  const { team, edges, titles, onSelectEdge } = props;
  const outbound = edges.filter(e => e.from === team.ref);
  const inbound = edges.filter(e => e.to === team.ref);
  const list = (label: string, items: MapEdge[], other: 'from' | 'to') =>
    items.length === 0 ? (
      <Typography variant="body2">None.</Typography>
    ) : (
      <List dense aria-label={label}>
        {items.map(e => (
          <ListItem
            key={`${e.from}>${e.to}`}
            button
            disableGutters
            divider
            onClick={() => onSelectEdge(e)}
          >
            <ListItemText
              primary={
                <>
                  {titles.get(e[other]) ?? shortRef(e[other])}
                  <EdgeFlags edge={e} />
                </>
              }
              secondary={`${e.weight} entity-level edge${
                e.weight === 1 ? '' : 's'
              }`}
            />
          </ListItem>
        ))}
      </List>
    );
  return (
    <InfoCard title={team.title}>
      <Box display="flex" alignItems="center" mb={1} style={{ gap: 8 }}>
        <TeamTypeChip type={team.type} size="small" />
        <EntityRefLink entityRef={team.ref} defaultKind="group">
          Team page
        </EntityRefLink>
      </Box>
      <Typography variant="body2" gutterBottom>
        {team.members} members
        {team.valueStream
          ? ` · value stream ${valueStreamTitle(team.valueStream)}`
          : ''}{' '}
        · owns {team.owned.component} components, {team.owned.api} APIs,{' '}
        {team.owned.system} systems
      </Typography>
      {(team.manyInbound || team.manyOutbound) && (
        <Typography variant="body2" color="error" gutterBottom>
          Unusually many dependencies:{' '}
          {[
            team.manyOutbound ? `depends on ${team.outbound} teams` : '',
            team.manyInbound ? `${team.inbound} teams depend on it` : '',
          ]
            .filter(Boolean)
            .join(', ')}
          .
        </Typography>
      )}
      <Typography variant="overline">Depends on ({outbound.length})</Typography>
      {list(`${team.title} depends on`, outbound, 'to')}
      <Typography variant="overline">
        Depended on by ({inbound.length})
      </Typography>
      {list(`${team.title} is depended on by`, inbound, 'from')}
    </InfoCard>
  );
}
