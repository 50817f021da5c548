import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  DependencySeverity,
  InteractionMode,
  InteractionStatus,
  TeamInteractionEntity,
  isInteractionOverdue,
} from '@teamflow/plugin-teamflow-common';

/** One interaction as seen from one of its two teams. */
export type TeamInteractionView = {
  interactionRef: string;
  otherTeamRef: string;
  /** What this team does, e.g. "provides a service to", "is facilitated by". */
  verb: string;
  mode: InteractionMode;
  status: InteractionStatus;
  purpose: string;
  reviewBy?: string;
  /** Active collaboration or facilitation whose review date has passed. */
  overdue: boolean;
  severity?: DependencySeverity;
};

const VERBS: Record<InteractionMode, [offering: string, receiving: string]> = {
  'x-as-a-service': ['provides a service to', 'consumes a service from'],
  collaboration: ['collaborates with', 'collaborates with'],
  facilitating: ['facilitates', 'is facilitated by'],
};

const STATUS_ORDER: Record<InteractionStatus, number> = {
  active: 0,
  planned: 1,
  ended: 2,
};

/**
 * The interactions of `teamRef`, each from that team's side, active first,
 * then planned, then ended; within a status by review date (soonest first).
 * `today` is `YYYY-MM-DD`.
 */
export function describeTeamInteractions(
  teamRef: string,
  interactions: TeamInteractionEntity[],
  today: string,
): TeamInteractionView[] {
  const self = teamRef.toLocaleLowerCase('en-US');
  return interactions
    .map(interaction => {
      const { from, to, mode, status, purpose, reviewBy, dependency } =
        interaction.spec;
      const offering = from.toLocaleLowerCase('en-US') === self;
      return {
        interactionRef: stringifyEntityRef(interaction),
        otherTeamRef: offering ? to : from,
        verb: VERBS[mode][offering ? 0 : 1],
        mode,
        status,
        purpose,
        reviewBy,
        overdue: isInteractionOverdue({ mode, status, reviewBy }, today),
        severity: dependency?.severity,
      };
    })
    .sort(
      (a, b) =>
        STATUS_ORDER[a.status] - STATUS_ORDER[b.status] ||
        (a.reviewBy ?? '9999').localeCompare(b.reviewBy ?? '9999') ||
        a.otherTeamRef.localeCompare(b.otherTeamRef),
    );
}

/** Today as YYYY-MM-DD in UTC, the format review dates use. */
export function todayIso(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}
