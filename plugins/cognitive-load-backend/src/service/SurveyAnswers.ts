import { lowerRef as lower } from '@teamflow/plugin-teamflow-node';
import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  ConflictError,
  InputError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import {
  Answers,
  validateAnswers,
} from '@teamflow/plugin-cognitive-load-common';
import { respondentKey } from './respondentKey';
import { SurveyContext } from './SurveyContext';
import { brief, waveStatus } from './waveViews';

/** Answering: the caller's open surveys and their answers, under keys that never name them. */
export class SurveyAnswers {
  constructor(private readonly ctx: SurveyContext) {}

  /** Open waves for the caller's teams, with their own answers if they gave some. */
  async mySurveys(credentials: BackstageCredentials) {
    const { userRef, groups } = await this.ctx.user(credentials);
    const now = this.ctx.nowIso();
    const org = await this.ctx.groups();
    // Open waves without their (possibly thousands of) teams; then only
    // whether they survey one of the caller's groups. Team pages ask this.
    const waves = (await this.ctx.store.listWaves({ teams: false })).filter(
      w => waveStatus(w, now) === 'open',
    );
    const surveys = [];
    for (const wave of waves) {
      for (const teamRef of await this.ctx.store.surveyedAmong(wave.id, [
        ...groups,
      ])) {
        const answers = await this.ctx.store.getAnswers(
          wave.id,
          teamRef,
          this.ctx.keysOf(wave.id, teamRef, userRef),
        );
        surveys.push({
          wave: brief(wave, now),
          instrument: wave.instrument,
          team: { ref: teamRef, title: org.get(teamRef)?.title ?? teamRef },
          answered: !!answers,
          answers,
        });
      }
    }
    return { surveys };
  }

  async answer(
    credentials: BackstageCredentials,
    waveId: string,
    teamRef: string,
    answers: unknown,
  ) {
    const { userRef, groups } = await this.ctx.user(credentials);
    const wave = await this.ctx.wave(waveId);
    const team = lower(teamRef);
    if (!wave.teams.includes(team)) {
      throw new NotFoundError(`Wave ${waveId} does not survey ${team}`);
    }
    if (!groups.has(team)) {
      throw new NotAllowedError(`You are not a member of ${team}`);
    }
    const status = waveStatus(wave, this.ctx.nowIso());
    if (status !== 'open') {
      throw new ConflictError(
        status === 'closed'
          ? `Wave ${waveId} is closed; answers can no longer be given or changed`
          : `Wave ${waveId} opens at ${wave.opensAt}`,
      );
    }
    const problems = validateAnswers(wave.instrument, answers);
    if (problems.length) {
      throw new InputError(
        problems.map(p => `${p.field} ${p.message}`).join('; '),
      );
    }
    const [key, legacyKey] = this.ctx.keysOf(waveId, team, userRef);
    const result = await this.ctx.store.saveResponse({
      waveId,
      teamRef: team,
      respondentKey: key,
      legacyKey,
      answers: answers as Answers,
    });
    return { saved: result };
  }

  /** For the demo seed: store a response as if `userRef` had answered. */
  async seedResponse(
    waveId: string,
    teamRef: string,
    userRef: string,
    answers: Answers,
  ) {
    await this.ctx.store.saveResponse({
      waveId,
      teamRef,
      respondentKey: respondentKey(
        this.ctx.config.secret,
        waveId,
        teamRef,
        userRef,
      ),
      answers,
    });
  }
}
