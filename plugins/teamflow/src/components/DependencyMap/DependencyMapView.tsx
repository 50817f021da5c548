import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Button, Grid, Typography } from '@material-ui/core';
import useAsync from 'react-use/esm/useAsync';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import {
  HistoricTeamMap,
  TeamGraphFilter,
  formatDateTime,
  formatDay,
} from '@teamflow/plugin-teamflow-common';
import { TeamMap, teamflowApiRef } from '../../api/TeamflowApi';
import { layoutTeamMap } from '../../lib/mapLayout';
import { MapEdge } from '../../lib/mapGeometry';
import {
  filterFromParams,
  paramsFromFilter,
  problemsLine,
} from '../../lib/mapFilter';
import { EdgeDetails } from './EdgeDetails';
import { ComparisonSummary } from './ComparisonSummary';
import { HistoryControls } from './HistoryControls';
import { Legend } from './Legend';
import { LookFirst } from './LookFirst';
import { MapCanvas } from './MapCanvas';
import { MapFilters } from './MapFilters';
import { MapSummary } from './MapSummary';
import { TeamDetails } from './TeamDetails';

/**
 * The team dependency map: Team Topologies shapes and colours, declared
 * edges by mode, undeclared ones in red; filters, search, and drill-down from
 * a team to its edges and from an edge to the components behind it.
 */
export function DependencyMapView() {
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
      <MapFilters
        filter={filter}
        valueStreams={map?.valueStreams ?? []}
        domains={map?.domains ?? []}
        onChange={update}
        onClear={() => setFilter({})}
        query={query}
        onQuery={setQuery}
        found={found}
        onFind={ref => {
          view({ team: ref, edge: null });
          setFocus({ ref, at: Date.now() });
          setQuery('');
        }}
      />
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
            <MapSummary map={map} />
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
                {problemsLine(map.edges, team.ref, titles)}
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
