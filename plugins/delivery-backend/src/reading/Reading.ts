import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import {
  ChangeRecord,
  DeploymentRecord,
  DrillDownResponse,
  FlowSummaryResponse,
  IncidentRecord,
  OrgFlowResponse,
  mergeRollups,
  summariseRollups,
  TeamFlowRow,
  summariseTotals,
  weeklySeries,
  windowWeeks,
} from '@teamflow/plugin-delivery-common';
import { Judging } from '../judging/Judging';
import { OrganisationCache, SummedAhead } from './OrganisationCache';
import {
  DeliveryContext,
  FlowWindow,
  Part,
  READ_WAIT_MS,
  iso,
  lower,
  normaliseRef,
} from '../service/shared';

/**
 * Answers from the day roll-ups: a component's, system's or team's five
 * metrics, the organisation by team, and the judged events behind a number
 * (after this instance's judging caught up, up to a few seconds).
 */
export class Reading extends Part {
  /** Every team's numbers per window, read again for the teams that moved. */
  private readonly kept?: OrganisationCache;

  constructor(ctx: DeliveryContext, private readonly judging: Judging) {
    super(ctx);
    if (ctx.organisationCache) {
      this.kept = new OrganisationCache(ctx.store, ctx.now);
      // What the organisation page, its CTO card, the tech-debt and the
      // attention pages ask by default: 90 days up to today. And the page's
      // longest choice, 180 days with trends: read ahead first, so that
      // every choice of the page (30, 90, 180) is kept or composed from it
      // from its first answer on.
      for (const [days, teamWeeks] of [
        [180, true],
        [90, true],
        [90, false],
      ] as const)
        this.kept.expect({
          environment: this.definitions.environment,
          days,
          teamWeeks,
        });
    }
  }

  /** Sums ahead the organisation windows that end with the current day. */
  async readAhead(): Promise<SummedAhead[]> {
    return this.kept ? this.kept.readAhead() : [];
  }

  async readable(
    credentials: BackstageCredentials,
    ref: string,
    parameter: 'entityRef' | 'teamRef',
  ) {
    const normalised = normaliseRef(ref);
    if (!normalised)
      throw new InputError(
        `${parameter}: ${JSON.stringify(
          ref.slice(0, 100),
        )} is not an entity reference ([kind:][namespace/]name, names of letters, digits, '-', '_' and '.')`,
      );
    const entity = await this.catalog.getEntityByRef(normalised, {
      credentials,
    });
    if (!entity)
      throw new NotFoundError(
        `No entity ${normalised} in the catalog (or you may not read it)`,
      );
    return { ref: normalised, entity };
  }

  /** The team and its descendants (parentOf relations, any depth). */
  private async teamAndChildren(team: Entity) {
    return (await this.ctx.org.current()).groupAndDescendants(
      stringifyEntityRef(team),
    );
  }

  private scopeFilter = async (
    credentials: BackstageCredentials,
    scope: {
      entityRef?: string;
      teamRef?: string;
      includeChildTeams?: boolean;
    },
  ) => {
    if (scope.teamRef) {
      const { ref, entity } = await this.readable(
        credentials,
        scope.teamRef,
        'teamRef',
      );
      if (entity.kind.toLocaleLowerCase('en-US') !== 'group')
        throw new InputError(`teamRef ${ref} is not a group`);
      const teams =
        scope.includeChildTeams === false
          ? [ref]
          : await this.teamAndChildren(entity);
      return {
        scope: {
          kind: 'team' as const,
          teamRef: ref,
          includeChildTeams: scope.includeChildTeams !== false,
        },
        members: teams,
        filter: { teamRefs: teams },
        targets: this.ctx.targets[ref],
      };
    }
    if (!scope.entityRef)
      throw new InputError(
        "Query parameter 'entityRef' or 'teamRef' is required",
      );
    const { ref, entity } = await this.readable(
      credentials,
      scope.entityRef,
      'entityRef',
    );
    let members = [ref];
    if (entity.kind.toLocaleLowerCase('en-US') === 'system')
      members = (entity.relations ?? [])
        .filter(r => r.type === 'hasPart')
        .map(r => lower(r.targetRef));
    const owner = (entity.relations ?? []).find(r => r.type === 'ownedBy');
    return {
      scope: { kind: 'entity' as const, entityRef: ref },
      members,
      filter: { entityRefs: members },
      targets: owner ? this.ctx.targets[lower(owner.targetRef)] : undefined,
    };
  };

  /** The five metrics of a component, system or team (with child teams), exact. */
  async summary(
    credentials: BackstageCredentials,
    query: {
      entityRef?: string;
      teamRef?: string;
      includeChildTeams?: boolean;
      environment?: string;
      window: FlowWindow;
    },
  ): Promise<FlowSummaryResponse> {
    await this.judging.settled(READ_WAIT_MS);
    const s = await this.scopeFilter(credentials, query);
    const environment = query.environment ?? this.definitions.environment;
    const [rows, environments] = await Promise.all([
      this.store.reads.entityDays({
        ...s.filter,
        environment,
        fromDay: query.window.from.slice(0, 10),
        toDay: query.window.to.slice(0, 10),
      }),
      this.store.reads.environments(s.filter),
    ]);
    return {
      scope: s.scope,
      members: s.members,
      environment,
      definitions: { ...this.definitions, environment },
      environments,
      summary: summariseRollups(
        rows,
        query.window,
        this.definitions.minimumSample,
      ),
      targets: s.targets,
    };
  }

  /** Every team's metrics and the organisation's, from team day rows. */
  async organisation(query: {
    environment?: string;
    window: FlowWindow;
    /** false: teams without their weekly trend (most of the answer at 2,000 teams). */
    teamTrends?: boolean;
  }): Promise<OrgFlowResponse> {
    await this.judging.settled(READ_WAIT_MS);
    const environment = query.environment ?? this.definitions.environment;
    const fromDay = query.window.from.slice(0, 10);
    const toDay = query.window.to.slice(0, 10);
    const teamTrends = query.teamTrends !== false;
    const { teams, organisationWeeks, teamWeeks, organisationDeployDays } =
      await (this.kept ?? this.store.reads).teamWindow({
        environment,
        fromDay,
        toDay,
        teamWeeks: teamTrends,
      });
    const min = this.definitions.minimumSample;
    // The window's complete weeks: what team trends are plotted over.
    const weeks = windowWeeks(query.window)
      .filter(w => w.days === 7)
      .map(w => w.week);
    const rows: TeamFlowRow[] = teams
      .filter(t => t.teamRef !== '')
      .map(t => {
        const targets = this.ctx.targets[t.teamRef];
        const { trend: _none, ...summary } = summariseTotals(
          t.totals,
          null,
          query.window,
          min,
        );
        return {
          teamRef: t.teamRef,
          ...(targets ? { targets } : {}),
          summary,
          ...(teamTrends
            ? { weekly: weeklySeries(weeks, teamWeeks.get(t.teamRef)) }
            : {}),
        };
      })
      .sort((a, b) => a.teamRef.localeCompare(b.teamRef));
    const reporting = new Set(rows.map(r => r.teamRef));
    const orgTotal = {
      ...mergeRollups(
        fromDay,
        teams.map(t => t.totals),
      ),
      deployDays: organisationDeployDays,
    };
    return {
      environment,
      definitions: { ...this.definitions, environment },
      window: query.window,
      organisation: summariseTotals(
        orgTotal,
        organisationWeeks.map(w => w.rollup),
        query.window,
        min,
      ),
      weeks,
      teams: rows,
      teamsWithoutEvents: (await this.ctx.org.current())
        .teams()
        .map(t => t.ref)
        .filter(t => !reporting.has(t)),
    };
  }

  /** The events behind a number. */
  async drillDown(
    credentials: BackstageCredentials,
    query: {
      entityRef?: string;
      teamRef?: string;
      includeChildTeams?: boolean;
      environment?: string;
      window: FlowWindow;
      only?: 'failed' | 'rework' | 'with-changes' | 'without-changes';
      limit: number;
    },
  ): Promise<DrillDownResponse> {
    await this.judging.settled(READ_WAIT_MS);
    const s = await this.scopeFilter(credentials, query);
    const environment = query.environment ?? this.definitions.environment;
    const found = await this.store.reads.drillDown({
      ...s.filter,
      environment,
      from: Date.parse(query.window.from),
      to: Date.parse(query.window.to),
      only: query.only,
      limit: query.limit,
    });
    // Only events of entities the caller may read.
    const refs = [
      ...new Set([
        ...found.deployments.map(d => d.entityRef),
        ...found.incidents.map(i => i.entityRef),
      ]),
    ];
    const visible = new Set<string>();
    if (refs.length) {
      const { items } = await this.catalog.getEntitiesByRefs(
        {
          entityRefs: refs,
          fields: ['kind', 'metadata.name', 'metadata.namespace'],
        },
        { credentials },
      );
      for (const e of items) if (e) visible.add(lower(stringifyEntityRef(e)));
    }
    const deployments: DeploymentRecord[] = found.deployments
      .filter(d => visible.has(d.entityRef))
      .map(d => ({
        id: d.id,
        entityRef: d.entityRef,
        teamRef: d.teamRef,
        environment: d.environment,
        finishedAt: iso(d.finishedAt),
        status: d.status,
        rollback: d.rollback,
        version: d.version,
        url: d.url,
        source: d.source,
        failed: !!d.failed,
        rework: !!d.rework,
        recoveryHours: d.recoveryHours ?? null,
        changes: d.changes ?? 0,
      }));
    const shown = new Set(deployments.map(d => d.id));
    const changes: ChangeRecord[] = found.links
      .filter(l => shown.has(l.deploymentId) && found.changes.has(l.changeId))
      .map(l => {
        const c = found.changes.get(l.changeId)!;
        return {
          id: c.id,
          entityRef: c.entityRef,
          title: c.title,
          url: c.url,
          mergedAt: iso(c.mergedAt),
          firstCommitAt:
            c.firstCommitAt !== undefined ? iso(c.firstCommitAt) : undefined,
          openedAt: c.openedAt !== undefined ? iso(c.openedAt) : undefined,
          labels: c.labels,
          revertOf: c.revertOf,
          deploymentId: l.deploymentId,
          leadTimeHours: l.leadTimeHours,
        };
      });
    const incidents: IncidentRecord[] = found.incidents
      .filter(i => visible.has(i.entityRef))
      .map(i => {
        let link: IncidentRecord['link'] = null;
        if (i.linkedDeploymentId)
          link =
            i.deploymentId === i.linkedDeploymentId ? 'explicit' : 'window';
        return {
          id: i.id,
          entityRef: i.entityRef,
          title: i.title,
          url: i.url,
          startedAt: iso(i.startedAt),
          resolvedAt:
            i.resolvedAt !== undefined ? iso(i.resolvedAt) : undefined,
          deploymentId: i.linkedDeploymentId ?? null,
          link,
        };
      });
    return { deployments, changes, incidents, truncated: found.truncated };
  }
}
