import { lowerRef as lower } from '@teamflow/plugin-teamflow-node';
import { randomUUID } from 'node:crypto';
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { ConflictError, InputError, NotAllowedError } from '@backstage/errors';
import {
  Instrument,
  Wave,
  cognitiveLoadWaveCreatePermission,
} from '@teamflow/plugin-cognitive-load-common';
import { StoredWave } from '../database/CognitiveLoadStore';
import { SurveyContext } from './SurveyContext';
import { summary, waveStatus } from './waveViews';

/** Waves: who may open one, opening, closing, listing, and progress in counts only. */
export class SurveyWaves {
  constructor(private readonly ctx: SurveyContext) {}

  /** Members of platform and enabling teams, and holders of the wave permission. */
  async canOpenWaves(credentials: BackstageCredentials): Promise<boolean> {
    if (!this.ctx.auth.isPrincipal(credentials, 'user')) return false;
    const { groups } = await this.ctx.user(credentials);
    const org = await this.ctx.groups();
    const runsSurveys = [...groups].some(g =>
      ['platform', 'enabling'].includes(org.get(g)?.type ?? ''),
    );
    return (
      runsSurveys ||
      (await this.ctx.allowed(credentials, cognitiveLoadWaveCreatePermission))
    );
  }

  async listWaves(credentials: BackstageCredentials) {
    const now = this.ctx.nowIso();
    const waves = await this.ctx.store.listWaves();
    const reader = await this.ctx.reader(credentials);
    return {
      waves: waves.map(w => summary(w, now)),
      canOpenWaves: await this.canOpenWaves(credentials),
      // The heatmap: every wave's with the permission, else the waves the
      // caller opened.
      canReadResults: reader.readsAll || waves.some(reader.opened),
      k: this.ctx.k,
    };
  }

  instruments() {
    return {
      instruments: this.ctx.config.instruments,
      defaultInstrument: {
        id: this.ctx.config.defaultInstrument.id,
        version: this.ctx.config.defaultInstrument.version,
      },
    };
  }

  async openWave(
    credentials: BackstageCredentials,
    input: {
      title: string;
      teams: string[];
      opensAt: string;
      closesAt: string;
      instrument?: { id: string; version?: number };
    },
  ): Promise<Wave> {
    if (!(await this.canOpenWaves(credentials))) {
      throw new NotAllowedError(
        'Only members of platform or enabling teams, or people with the cognitive-load.wave.create permission, can open waves',
      );
    }
    const { userRef } = await this.ctx.user(credentials);
    const org = await this.ctx.groups();
    const teams = [...new Set(input.teams.map(lower))].sort();
    const unknown = teams.filter(t => !org.get(t)?.type);
    if (unknown.length) {
      throw new InputError(
        `teams: not team Groups in the catalog: ${unknown.join(', ')}`,
      );
    }
    if (input.closesAt <= input.opensAt) {
      throw new InputError('closesAt must be after opensAt');
    }
    const now = this.ctx.nowIso();
    if (input.closesAt <= now) {
      throw new InputError('closesAt must be in the future');
    }
    let instrument = this.ctx.config.defaultInstrument;
    if (input.instrument) {
      const matching = this.ctx.config.instruments
        .filter(
          i =>
            i.id === input.instrument!.id &&
            (input.instrument!.version === undefined ||
              i.version === input.instrument!.version),
        )
        .sort((a, b) => b.version - a.version);
      if (!matching.length) {
        throw new InputError(
          `instrument: no instrument ${input.instrument.id}${
            input.instrument.version
              ? ` version ${input.instrument.version}`
              : ''
          }`,
        );
      }
      instrument = matching[0];
    }
    const wave: StoredWave = {
      teamCount: 0,
      id: randomUUID(),
      title: input.title.trim(),
      instrument,
      opensAt: input.opensAt,
      closesAt: input.closesAt,
      createdBy: userRef,
      createdAt: now,
      teams,
    };
    wave.teamCount = teams.length;
    await this.ctx.store.createWave(wave);
    this.ctx.logger.info(
      `Wave '${wave.title}' (${wave.id}) opened by ${userRef} for ${teams.length} teams`,
    );
    return summary(wave, now);
  }

  async closeWave(credentials: BackstageCredentials, id: string) {
    const wave = await this.ctx.wave(id);
    if (!(await this.ctx.mayManage(credentials, wave))) {
      throw new NotAllowedError('Only the wave owner or an admin can close it');
    }
    const now = this.ctx.nowIso();
    if (waveStatus(wave, now) === 'closed') {
      throw new ConflictError(`Wave ${id} is already closed`);
    }
    await this.ctx.store.closeWave(id, now);
    return summary({ ...wave, closedEarlyAt: now }, now);
  }

  /** Response counts per team, for the wave owner: counts only, never who. */
  async progress(credentials: BackstageCredentials, id: string) {
    const wave = await this.ctx.wave(id);
    if (!(await this.ctx.mayManage(credentials, wave))) {
      throw new NotAllowedError(
        "Only the wave owner or an admin can see a wave's progress",
      );
    }
    const counts = await this.ctx.store.countResponses(id);
    const teams = wave.teams.map(teamRef => ({
      teamRef,
      responses: counts.get(teamRef) ?? 0,
      reachedK: (counts.get(teamRef) ?? 0) >= this.ctx.k,
    }));
    return {
      wave: summary(wave, this.ctx.nowIso()),
      k: this.ctx.k,
      teams,
      belowK: teams.filter(t => !t.reachedK).map(t => t.teamRef),
    };
  }

  async seedWave(
    wave: Omit<StoredWave, 'id' | 'createdAt' | 'teamCount'>,
  ): Promise<string> {
    const id = randomUUID();
    await this.ctx.store.createWave({
      ...wave,
      id,
      createdAt: this.ctx.nowIso(),
    });
    return id;
  }

  async hasWaves() {
    return (await this.ctx.store.listWaves({ teams: false })).length > 0;
  }

  instrument(): Instrument {
    return this.ctx.config.defaultInstrument;
  }
}
