import express from 'express';
import { HttpAuthService } from '@backstage/backend-plugin-api';
import {
  TeamGraphService,
  TeamGraphSnapshot,
} from '../services/TeamGraphService';

/**
 * The organisation as the caller may see it. `team`: the team the request is
 * about, so a team that just arrived in the catalog is found (see
 * TeamGraphService.getSnapshot).
 */
export type SnapshotFor = (
  req: express.Request,
  team?: string,
) => Promise<TeamGraphSnapshot>;

/** Reads the caller's credentials (user or service) and their snapshot. */
export function snapshotReader(
  httpAuth: HttpAuthService,
  teamGraph: TeamGraphService,
): SnapshotFor {
  return async (req, team) =>
    teamGraph.getSnapshot(
      await httpAuth.credentials(req, { allow: ['user', 'service'] }),
      { teamRef: team },
    );
}
