import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import {
  Box,
  Button,
  Chip,
  FormControl,
  FormControlLabel,
  Grid,
  InputLabel,
  Link,
  List,
  ListItem,
  ListItemText,
  MenuItem,
  Paper,
  Select,
  Switch,
  TextField,
  Typography,
  makeStyles,
} from '@material-ui/core';
import useAsync from 'react-use/esm/useAsync';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  HistoricTeamMap,
  TEAM_TYPES,
  TeamGraphFilter,
  TeamNode,
  isProblemEdge,
  formatDateTime,
  formatDay,
  isCoachingOnly,
  teamTypeTitle,
  valueStreamTitle,
} from '@teamflow/plugin-teamflow-common';
import { TeamMap, teamflowApiRef } from '../../api/TeamflowApi';
import { layoutTeamMap } from '../../lib/mapLayout';
import { TEAM_TYPE_COLOURS, TeamTypeChip } from '../TeamTypeChip';
import { ComparisonSummary, HistoryControls } from './HistoryControls';
import {
  EDGE_STYLE,
  MapCanvas,
  MapEdge,
  TeamShape,
  edgeLabel,
} from './MapCanvas';

const useStyles = makeStyles(
  theme => ({
    filters: {
      display: 'flex',
      flexWrap: 'wrap',
      alignItems: 'center',
      gap: theme.spacing(2),
      marginBottom: theme.spacing(2),
    },
    select: { minWidth: 200 },
    search: { position: 'relative', minWidth: 240 },
    results: {
      position: 'absolute',
      zIndex: 10,
      left: 0,
      right: 0,
      maxHeight: 320,
      overflow: 'auto',
    },
    legend: {
      display: 'flex',
      flexWrap: 'wrap',
      gap: theme.spacing(2),
      alignItems: 'center',
      marginTop: theme.spacing(1),
      fontSize: 13,
    },
    summary: { marginBottom: theme.spacing(1) },
    undeclared: {
      backgroundColor: EDGE_STYLE.undeclared,
      color: '#fff',
      marginLeft: theme.spacing(0.5),
    },
    flag: {
      backgroundColor: theme.palette.error.dark,
      color: '#fff',
      marginLeft: theme.spacing(0.5),
    },
  }),
  { name: 'TeamflowDependencyMap' },
);

const TYPES = [...TEAM_TYPES, 'undeclared'] as const;

const short = (ref: string) => ref.replace(/^[a-z]+:default\//, '');

function Legend() {
  const classes = useStyles();
  const line = (stroke: string, dash?: string, width = 2) => (
    <svg width={36} height={10} aria-hidden>
      <line
        x1={2}
        y1={5}
        x2={34}
        y2={5}
        stroke={stroke}
        strokeWidth={width}
        strokeDasharray={dash}
      />
    </svg>
  );
  return (
    <div className={classes.legend} aria-label="Legend">
      {TYPES.map(t => (
        <span key={t}>
          <svg width={t === 'enabling' ? 20 : 44} height={28} aria-hidden>
            <g
              transform={`translate(${
                t === 'enabling' ? 10 : 22
              },14) scale(0.3)`}
            >
              <TeamShape type={t} />
            </g>
          </svg>{' '}
          {teamTypeTitle(t)}
        </span>
      ))}
      <span>{line(EDGE_STYLE.declared)} x-as-a-service</span>
      <span>
        {line(EDGE_STYLE.declared, EDGE_STYLE.dash.collaboration)} collaboration
      </span>
      <span>
        {line(EDGE_STYLE.declared, EDGE_STYLE.dash.facilitating)} facilitating
      </span>
      <span>{line(EDGE_STYLE.declared, '3 3', 1)} declared, not observed</span>
      <span>{line(EDGE_STYLE.undeclared)} observed, undeclared</span>
      <span>{line(EDGE_STYLE.declared, undefined, 5)} blocking (thicker)</span>
      <span>
        <svg width={16} height={16} aria-hidden>
          <circle cx={8} cy={8} r={6} fill={EDGE_STYLE.undeclared} />
        </svg>{' '}
        unusually many dependencies
      </span>
    </div>
  );
}

function EdgeFlags(props: { edge: MapEdge }) {
  const classes = useStyles();
  const { edge } = props;
  return (
    <>
      {edge.classification === 'observed-undeclared' && (
        <Chip size="small" label="undeclared" className={classes.undeclared} />
      )}
      {edge.classification === 'declared-only' && isCoachingOnly(edge) && (
        <Chip size="small" label="coaching: no system dependency expected" />
      )}
      {edge.classification === 'declared-only' && !isCoachingOnly(edge) && (
        <Chip size="small" label="declared, not observed" />
      )}
      {edge.declared.map(d => (
        <Chip
          key={d.interactionRef}
          size="small"
          label={d.mode}
          style={{ marginLeft: 4 }}
        />
      ))}
      {edge.blocking && (
        <Chip size="small" label="blocking" className={classes.flag} />
      )}
      {edge.overdue && (
        <Chip size="small" label="review overdue" className={classes.flag} />
      )}
    </>
  );
}

function EdgeDetails(props: {
  edge: MapEdge;
  titles: Map<string, string>;
  /** The day of a past map: history keeps no entity-level edges. */
  asOf?: string;
}) {
  const api = useApi(teamflowApiRef);
  const { edge, titles, asOf } = props;
  const details = useAsync(
    async () => (asOf ? undefined : api.getTeamEdge(edge.from, edge.to)),
    [api, edge.from, edge.to, asOf],
  );
  return (
    <InfoCard title="Dependency" noPadding={false}>
      <Typography variant="subtitle1" gutterBottom>
        <EntityRefLink entityRef={edge.from} defaultKind="group" /> depends on{' '}
        <EntityRefLink entityRef={edge.to} defaultKind="group" />
      </Typography>
      <Box mb={1}>
        <EdgeFlags edge={edge} />
      </Box>
      {edge.declared.length > 0 && (
        <>
          <Typography variant="overline">Declared</Typography>
          <List dense aria-label="Declared interactions">
            {edge.declared.map(d => (
              <ListItem key={d.interactionRef} disableGutters>
                <ListItemText
                  primary={<EntityRefLink entityRef={d.interactionRef} />}
                  secondary={`${d.mode}, ${d.status}${
                    d.reviewBy ? `, review by ${formatDay(d.reviewBy)}` : ''
                  }${d.overdue ? ' (overdue)' : ''}${
                    d.severity ? `, severity ${d.severity}` : ''
                  }`}
                />
              </ListItem>
            ))}
          </List>
        </>
      )}
      <Typography variant="overline">
        Observed: {edge.weight} entity-level edge{edge.weight === 1 ? '' : 's'}
      </Typography>
      {details.loading && <Progress />}
      {details.error && <ResponseErrorPanel error={details.error} />}
      {details.value && details.value.observed.length > 0 && (
        <List dense aria-label="Entity-level edges">
          {details.value.observed.map(o => (
            <ListItem key={`${o.source}>${o.target}`} disableGutters divider>
              <ListItemText
                primary={
                  <>
                    <EntityRefLink entityRef={o.source} /> →{' '}
                    <EntityRefLink entityRef={o.target} />
                  </>
                }
                secondary={o.type}
              />
            </ListItem>
          ))}
        </List>
      )}
      {asOf && (
        <Typography variant="body2">
          The organisation&apos;s history keeps dependencies between teams, not
          the components behind them or the interactions declaring them: see
          today&apos;s map for those.
        </Typography>
      )}
      {details.value && details.value.observed.length === 0 && (
        <Typography variant="body2">
          Declared in a TeamInteraction, but no component of{' '}
          {titles.get(edge.from) ?? short(edge.from)} depends on one of{' '}
          {titles.get(edge.to) ?? short(edge.to)} in the catalog.
        </Typography>
      )}
    </InfoCard>
  );
}

function TeamDetails(props: {
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
                  {titles.get(e[other]) ?? short(e[other])}
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

function Summary(props: { map: TeamMap }) {
  const classes = useStyles();
  const { map } = props;
  const undeclared = map.edges.filter(
    e => e.classification === 'observed-undeclared',
  ).length;
  // Interactions, as the overview counts them (a collaboration is an edge
  // each way).
  // A past map keeps no interactions: there an overdue pair counts once.
  const overdue = new Set(
    map.edges.flatMap(e => {
      const refs = e.declared.filter(d => d.overdue).map(d => d.interactionRef);
      if (refs.length || !e.overdue) return refs;
      return [[e.from, e.to].sort().join('|')];
    }),
  ).size;
  return (
    <Typography
      variant="body2"
      className={classes.summary}
      aria-label="Map summary"
    >
      {map.matched ? `${map.matched.length} matching teams, ` : ''}
      {map.nodes.length} teams shown · {map.edges.length} dependencies ·{' '}
      {undeclared} undeclared · {map.edges.filter(e => e.blocking).length}{' '}
      blocking · {overdue} {overdue === 1 ? 'interaction' : 'interactions'} past
      review · {map.edges.filter(isProblemEdge).length} problems
    </Typography>
  );
}

/**
 * What a CTO looks at first on the map: blocking dependencies, interactions
 * past their review date (once per interaction, though a collaboration is
 * an edge each way) and hotspot teams (unusually many dependencies), each
 * opening on the map.
 */
export function LookFirst(props: {
  map: TeamMap;
  titles: Map<string, string>;
  onSelectEdge: (edge: MapEdge) => void;
  onSelectTeam: (ref: string) => void;
}) {
  const { map, titles, onSelectEdge, onSelectTeam } = props;
  const name = (ref: string) => titles.get(ref) ?? ref;
  const blocking = map.edges.filter(e => e.blocking);
  const seen = new Set<string>();
  const overdue = map.edges.filter(e => {
    if (!e.overdue) return false;
    const pair = [e.from, e.to].sort().join('|');
    if (seen.has(pair)) return false;
    seen.add(pair);
    return true;
  });
  const hotspots = map.nodes.filter(n => n.manyInbound || n.manyOutbound);
  if (!blocking.length && !overdue.length && !hotspots.length)
    return (
      <Typography variant="body2" paragraph>
        No blocking dependency, no interaction past its review date and no team
        with unusually many dependencies.
      </Typography>
    );
  const item = (key: string, label: string, onClick: () => void) => (
    <li key={key}>
      <Link
        component="button"
        variant="body2"
        onClick={onClick}
        style={{ textAlign: 'left' }}
      >
        {label}
      </Link>
    </li>
  );
  return (
    <Box mb={2}>
      <Typography variant="subtitle2">Look at first</Typography>
      <ul aria-label="Look at first" style={{ margin: 0, paddingLeft: 20 }}>
        {blocking.map(e =>
          item(
            `b:${e.from}>${e.to}`,
            `Blocking: ${name(e.from)} waits on ${name(e.to)}`,
            () => onSelectEdge(e),
          ),
        )}
        {overdue.map(e =>
          item(
            `o:${e.from}>${e.to}`,
            `Past review: ${name(e.from)} and ${name(e.to)}`,
            () => onSelectEdge(e),
          ),
        )}
        {hotspots.map(n =>
          item(
            `h:${n.ref}`,
            `Hotspot: ${n.title}, ${n.outbound} dependencies out, ${n.inbound} in`,
            () => onSelectTeam(n.ref),
          ),
        )}
      </ul>
    </Box>
  );
}

/**
 * The team dependency map: Team Topologies shapes and colours, declared
 * edges by mode, undeclared ones in red; filters, search, and drill-down from
 * a team to its edges and from an edge to the components behind it.
 */
export function DependencyMapView() {
  const classes = useStyles();
  const api = useApi(teamflowApiRef);
  // Filters, the chosen team and the chosen dependency live in the URL and
  // the browser history: a view can be linked, and Back goes to the last one.
  const [params, setParams] = useSearchParams();
  const filter = useMemo(() => filterFromParams(params), [params]);
  const selectedTeam = params.get('team') ?? undefined;
  const edgeFrom = params.get('edgeFrom');
  const edgeTo = params.get('edgeTo');
  const asOf = params.get('asOf') ?? undefined;
  const compareWith = params.get('compareWith') ?? undefined;
  const view = (patch: {
    filter?: TeamGraphFilter;
    team?: string | null;
    edge?: { from: string; to: string } | null;
    days?: { asOf?: string; compareWith?: string };
  }) => {
    const next = paramsFromFilter(patch.filter ?? filter);
    const days = patch.days ?? { asOf, compareWith };
    if (days.asOf) next.set('asOf', days.asOf);
    if (days.compareWith) next.set('compareWith', days.compareWith);
    const teamRef = patch.team === undefined ? selectedTeam : patch.team;
    if (teamRef) next.set('team', teamRef);
    const edge =
      patch.edge === undefined
        ? edgeFrom && edgeTo && { from: edgeFrom, to: edgeTo }
        : patch.edge;
    if (edge) {
      next.set('edgeFrom', edge.from);
      next.set('edgeTo', edge.to);
    }
    setParams(next);
  };
  const setFilter = (
    next: TeamGraphFilter | ((f: TeamGraphFilter) => TeamGraphFilter),
  ) => view({ filter: typeof next === 'function' ? next(filter) : next });
  const setSelectedEdge = (edge?: MapEdge) => view({ edge: edge ?? null });
  const [query, setQuery] = useState('');
  const [focus, setFocus] = useState<{ ref: string; at: number }>();

  const {
    value: map,
    loading,
    error,
  } = useAsync(
    (): Promise<TeamMap | HistoricTeamMap> =>
      asOf || compareWith
        ? api.getTeamMapAsOf(filter, { asOf, compareWith })
        : api.getTeamMap(filter),
    [api, filter, asOf, compareWith],
  );
  const history = useAsync(() => api.getHistoryDays(), [api]);
  const past = map && 'asOf' in map ? (map as HistoricTeamMap) : undefined;
  const changes = useMemo(() => {
    const comparison = past?.comparison;
    if (!map || !comparison) return undefined;
    const added = new Set(comparison.addedEdges);
    return {
      added: map.edges.filter(e => added.has(`${e.from}>${e.to}`)),
      removed: comparison.removedEdges.map(e => ({
        ...e,
        weight: e.weight ?? 1,
        declared: [],
      })),
    };
  }, [map, past]);
  const layout = useMemo(() => layoutTeamMap(map?.nodes ?? []), [map]);
  const selectedEdge = useMemo(
    () => map?.edges.find(e => e.from === edgeFrom && e.to === edgeTo),
    [map, edgeFrom, edgeTo],
  );
  const context = useMemo(() => {
    if (!map?.matched) return new Set<string>();
    const matched = new Set(map.matched);
    return new Set(map.nodes.filter(n => !matched.has(n.ref)).map(n => n.ref));
  }, [map]);
  const titles = useMemo(
    () => new Map((map?.nodes ?? []).map(n => [n.ref, n.title] as const)),
    [map],
  );
  const found = useMemo(() => {
    const q = query.trim().toLocaleLowerCase();
    if (!q || !map) return [];
    return map.nodes.filter(
      n => n.title.toLocaleLowerCase().includes(q) || n.ref.includes(q),
    );
  }, [map, query]);
  const foundRefs = useMemo(() => new Set(found.map(n => n.ref)), [found]);

  const selectTeam = (ref: string) =>
    view({ team: ref === selectedTeam ? null : ref, edge: null });
  const update = (patch: Partial<TeamGraphFilter>) =>
    view({ filter: { ...filter, ...patch }, edge: null });
  const team = map?.nodes.find(n => n.ref === selectedTeam);

  return (
    <>
      {history.value && history.value.length > 0 && (
        <HistoryControls
          days={history.value.map(d => d.day)}
          asOf={asOf}
          compareWith={compareWith}
          onChange={days => view({ days, edge: null })}
        />
      )}
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
            {(map?.valueStreams ?? []).map(v => (
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
            {(map?.domains ?? []).map(d => (
              <MenuItem key={d} value={d}>
                {short(d)}
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
          {TYPES.map(t => {
            const on = filter.types?.includes(t) ?? false;
            return (
              <Chip
                key={t}
                label={teamTypeTitle(t)}
                clickable
                aria-pressed={on}
                variant={on ? 'default' : 'outlined'}
                style={
                  on ? { backgroundColor: TEAM_TYPE_COLOURS[t] } : undefined
                }
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
              onChange={e =>
                update({ problems: e.target.checked || undefined })
              }
            />
          }
          label="Only problems"
        />
        <div className={classes.search}>
          <TextField
            size="small"
            label="Find a team"
            value={query}
            onChange={e => setQuery(e.target.value)}
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
                    onClick={() => {
                      view({ team: n.ref, edge: null });
                      setFocus({ ref: n.ref, at: Date.now() });
                      setQuery('');
                    }}
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
          <Button size="small" onClick={() => setFilter({})}>
            Clear filters
          </Button>
        )}
      </div>
      {loading && <Progress />}
      {error && <ResponseErrorPanel error={error} />}
      {map && map.nodes.length === 0 && (
        <Typography>
          {map.matched
            ? 'No team matches these filters.'
            : 'No teams in the catalog yet: add Groups with spec.type team and a teamflow.io/team-type label.'}
        </Typography>
      )}
      {map && map.nodes.length > 0 && (
        <Grid container spacing={2}>
          <Grid item xs={12} lg={8}>
            <Summary map={map} />
            {past && <ComparisonSummary map={past} titles={titles} />}
            <MapCanvas
              changes={changes}
              nodes={map.nodes}
              edges={map.edges}
              layout={layout}
              context={context}
              selectedTeam={selectedTeam}
              selectedEdge={selectedEdge}
              found={foundRefs}
              focus={focus}
              onSelectTeam={selectTeam}
              onSelectEdge={setSelectedEdge}
            />
          </Grid>
          <Grid item xs={12} lg={4}>
            {selectedEdge && (
              <EdgeDetails
                edge={selectedEdge}
                titles={titles}
                asOf={past?.asOf.snapshotOn}
              />
            )}
            {!selectedEdge && team && (
              <TeamDetails
                team={team}
                edges={map.edges}
                titles={titles}
                onSelectEdge={setSelectedEdge}
              />
            )}
            {selectedEdge && team && (
              <Button size="small" onClick={() => setSelectedEdge(undefined)}>
                Back to {team.title}
              </Button>
            )}
            {!team && !selectedEdge && (
              <InfoCard title="Explore">
                <LookFirst
                  map={map}
                  titles={titles}
                  onSelectEdge={setSelectedEdge}
                  onSelectTeam={selectTeam}
                />
                <Typography variant="body2" paragraph>
                  Click a team to see whom it depends on and who depends on it;
                  click one of its dependencies (on the map or in the list) for
                  the components behind it and the interaction that declares it.
                </Typography>
                <Typography variant="body2" paragraph>
                  Drag to pan, scroll or use the buttons to zoom; where names
                  would overlap, the busiest teams are named first and the rest
                  appear as you zoom in. Red lines are dependencies observed in
                  the catalog that no TeamInteraction declares.
                </Typography>
                <Typography variant="body2">
                  {past
                    ? `As kept in the organisation's history on ${formatDay(
                        past.asOf.snapshotOn,
                      )}: teams, their types and dependencies; the components and interactions behind a dependency are on today's map.`
                    : `As of ${formatDateTime(
                        map.generatedAt,
                      )}; the map follows catalog changes within a minute.`}
                </Typography>
              </InfoCard>
            )}
            {team && !selectedEdge && (
              <Typography variant="caption" component="p">
                {edgeLabelCount(map.edges, team.ref, titles)}
              </Typography>
            )}
            {/* Beside the map, so a line's meaning is read without scrolling. */}
            <Legend />
          </Grid>
        </Grid>
      )}
    </>
  );
}

const TYPE_SET = new Set<string>(TYPES);

function filterFromParams(params: URLSearchParams): TeamGraphFilter {
  const types = (params.get('type') ?? '')
    .split(',')
    .filter(t => TYPE_SET.has(t)) as TeamGraphFilter['types'];
  return {
    valueStream: params.get('valueStream') || undefined,
    domain: params.get('domain') || undefined,
    types: types?.length ? types : undefined,
    problems: params.get('problems') === 'true' || undefined,
  };
}

function paramsFromFilter(filter: TeamGraphFilter) {
  const params = new URLSearchParams();
  if (filter.valueStream) params.set('valueStream', filter.valueStream);
  if (filter.domain) params.set('domain', filter.domain);
  if (filter.types?.length) params.set('type', filter.types.join(','));
  if (filter.problems) params.set('problems', 'true');
  return params;
}

function edgeLabelCount(
  edges: MapEdge[],
  ref: string,
  titles: Map<string, string>,
) {
  const problems = edges.filter(
    e => (e.from === ref || e.to === ref) && isProblemEdge(e),
  );
  return problems.length
    ? `Problems: ${problems.map(e => edgeLabel(e, titles)).join('; ')}`
    : 'No problem dependencies.';
}
