import {
  Box,
  Button,
  Chip,
  FormControl,
  FormControlLabel,
  InputLabel,
  List,
  ListItem,
  ListItemText,
  MenuItem,
  Paper,
  Select,
  Switch,
  TextField,
} from '@material-ui/core';
import {
  TeamGraphFilter,
  TeamNode,
  teamTypeTitle,
  valueStreamTitle,
} from '@teamflow/plugin-teamflow-common';
import { MAP_TEAM_TYPES, shortRef } from '../../lib/mapFilter';
import { TEAM_TYPE_COLOURS } from '../TeamTypeChip';
import { useMapStyles } from './mapStyles';

/**
 * The map's filters (value stream, domain, team types, only problems) and
 * "Find a team", whose first ten matches bring a team into view.
 */
export function MapFilters(props: {
  filter: TeamGraphFilter;
  valueStreams: string[];
  domains: string[];
  onChange: (patch: Partial<TeamGraphFilter>) => void;
  onClear: () => void;
  query: string;
  onQuery: (query: string) => void;
  found: TeamNode[];
  onFind: (ref: string) => void;
}) {
  const classes = useMapStyles();
  const { filter, query, found } = props;
  const update = props.onChange;
  return (
    <div className={classes.filters}>
      <FormControl className={classes.select} size="small">
        <InputLabel id="teamflow-map-stream">Value stream</InputLabel>
        <Select
          labelId="teamflow-map-stream"
          value={filter.valueStream ?? ''}
          onChange={e =>
            update({ valueStream: (e.target.value as string) || undefined })
          }
        >
          <MenuItem value="">All value streams</MenuItem>
          {props.valueStreams.map(v => (
            <MenuItem key={v} value={v}>
              {valueStreamTitle(v)}
            </MenuItem>
          ))}
        </Select>
      </FormControl>
      <FormControl className={classes.select} size="small">
        <InputLabel id="teamflow-map-domain">Domain</InputLabel>
        <Select
          labelId="teamflow-map-domain"
          value={filter.domain ?? ''}
          onChange={e =>
            update({ domain: (e.target.value as string) || undefined })
          }
        >
          <MenuItem value="">All domains</MenuItem>
          {props.domains.map(d => (
            <MenuItem key={d} value={d}>
              {shortRef(d)}
            </MenuItem>
          ))}
        </Select>
      </FormControl>
      <Box
        display="flex"
        flexWrap="wrap"
        style={{ gap: 4 }}
        aria-label="Team types"
      >
        {MAP_TEAM_TYPES.map(t => {
          const on = filter.types?.includes(t) ?? false;
          return (
            <Chip
              key={t}
              label={teamTypeTitle(t)}
              clickable
              aria-pressed={on}
              variant={on ? 'default' : 'outlined'}
              style={on ? { backgroundColor: TEAM_TYPE_COLOURS[t] } : undefined}
              onClick={() => {
                const types = on
                  ? (filter.types ?? []).filter(x => x !== t)
                  : [...(filter.types ?? []), t];
                update({ types: types.length ? types : undefined });
              }}
            />
          );
        })}
      </Box>
      <FormControlLabel
        control={
          <Switch
            checked={!!filter.problems}
            onChange={e => update({ problems: e.target.checked || undefined })}
          />
        }
        label="Only problems"
      />
      <div className={classes.search}>
        <TextField
          size="small"
          label="Find a team"
          value={query}
          onChange={e => props.onQuery(e.target.value)}
          inputProps={{ 'aria-label': 'Find a team' }}
          fullWidth
        />
        {query.trim() && (
          <Paper className={classes.results}>
            <List dense aria-label="Teams found">
              {found.length === 0 && (
                <ListItem>
                  <ListItemText primary="No team on the map matches." />
                </ListItem>
              )}
              {found.slice(0, 10).map(n => (
                <ListItem
                  key={n.ref}
                  button
                  onClick={() => props.onFind(n.ref)}
                >
                  <ListItemText primary={n.title} secondary={n.type} />
                </ListItem>
              ))}
            </List>
          </Paper>
        )}
      </div>
      {(filter.valueStream ||
        filter.domain ||
        filter.types ||
        filter.problems) && (
        <Button size="small" onClick={props.onClear}>
          Clear filters
        </Button>
      )}
    </div>
  );
}
