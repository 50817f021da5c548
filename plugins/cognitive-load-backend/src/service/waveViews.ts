import { Wave } from '@teamflow/plugin-cognitive-load-common';
import { StoredWave } from '../database/CognitiveLoadStore';

/** A wave as the API shows it, with its teams. */
export const summary = (w: StoredWave, now: string): Wave => ({
  id: w.id,
  title: w.title,
  instrumentId: w.instrument.id,
  instrumentVersion: w.instrument.version,
  opensAt: w.opensAt,
  closesAt: w.closesAt,
  closedEarlyAt: w.closedEarlyAt,
  status: waveStatus(w, now),
  createdBy: w.createdBy,
  teamCount: w.teamCount,
  teams: w.teams,
});

/** A wave referred to from results: without its (possibly long) list of teams. */
export const brief = (w: StoredWave, now: string): Wave => {
  const { teams, ...rest } = summary(w, now);
  return rest;
};

/** Where a wave stands at `now`: scheduled, open or closed (early or at its end). @public */
export function waveStatus(w: StoredWave, now: string): Wave['status'] {
  if (now < w.opensAt) return 'scheduled';
  if (w.closedEarlyAt || now >= w.closesAt) return 'closed';
  return 'open';
}
