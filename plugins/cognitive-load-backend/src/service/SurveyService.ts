import {
  AuthService,
  LoggerService,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  OrgModelService,
  orgModelFromCatalog,
} from '@teamflow/plugin-teamflow-node';
import { CognitiveLoadStore } from '../database/CognitiveLoadStore';
import { SurveyConfig } from './config';
import { SurveyAnswers } from './SurveyAnswers';
import { SurveyContext } from './SurveyContext';
import { SurveyResults } from './SurveyResults';
import { SurveyWaves } from './SurveyWaves';

export { waveStatus } from './waveViews';

/**
 * Cognitive-load surveys: waves, answering, and results that never reveal a
 * group of fewer than k respondents (see `decideRelease`). One part per
 * flow (`SurveyWaves`, `SurveyAnswers`, `SurveyResults`) over a shared
 * `SurveyContext`; this class is what the router, the scheduled tasks and
 * the demo call.
 *
 * @public
 */
export class SurveyService {
  private readonly waves: SurveyWaves;
  private readonly answers: SurveyAnswers;
  private readonly results: SurveyResults;

  private constructor(private readonly ctx: SurveyContext) {
    this.waves = new SurveyWaves(ctx);
    this.answers = new SurveyAnswers(ctx);
    this.results = new SurveyResults(ctx);
  }

  static create(options: {
    store: CognitiveLoadStore;
    catalog: CatalogService;
    /** The shared organisation model (default: one over `catalog`). */
    org?: OrgModelService;
    auth: AuthService;
    userInfo: UserInfoService;
    permissions: PermissionsService;
    config: SurveyConfig & { secret: string };
    logger: LoggerService;
    now?: () => Date;
  }) {
    return new SurveyService(
      new SurveyContext(
        options.store,
        options.auth,
        options.userInfo,
        options.permissions,
        options.config,
        options.logger,
        options.now ?? (() => new Date()),
        options.org ??
          orgModelFromCatalog({ catalog: options.catalog, auth: options.auth }),
      ),
    );
  }

  get k() {
    return this.ctx.k;
  }

  /** The catalog's groups as the survey needs them. */
  groups() {
    return this.ctx.groups();
  }

  /** Members of platform and enabling teams, and holders of the wave permission. */
  canOpenWaves(...args: Parameters<SurveyWaves['canOpenWaves']>) {
    return this.waves.canOpenWaves(...args);
  }

  listWaves(...args: Parameters<SurveyWaves['listWaves']>) {
    return this.waves.listWaves(...args);
  }

  instruments(...args: Parameters<SurveyWaves['instruments']>) {
    return this.waves.instruments(...args);
  }

  openWave(...args: Parameters<SurveyWaves['openWave']>) {
    return this.waves.openWave(...args);
  }

  closeWave(...args: Parameters<SurveyWaves['closeWave']>) {
    return this.waves.closeWave(...args);
  }

  /** Response counts per team, for the wave owner: counts only, never who. */
  progress(...args: Parameters<SurveyWaves['progress']>) {
    return this.waves.progress(...args);
  }

  seedWave(...args: Parameters<SurveyWaves['seedWave']>) {
    return this.waves.seedWave(...args);
  }

  hasWaves(...args: Parameters<SurveyWaves['hasWaves']>) {
    return this.waves.hasWaves(...args);
  }

  instrument(...args: Parameters<SurveyWaves['instrument']>) {
    return this.waves.instrument(...args);
  }

  /** Open waves for the caller's teams, with their own answers if they gave some. */
  mySurveys(...args: Parameters<SurveyAnswers['mySurveys']>) {
    return this.answers.mySurveys(...args);
  }

  answer(...args: Parameters<SurveyAnswers['answer']>) {
    return this.answers.answer(...args);
  }

  /** For the demo seed: store a response as if `userRef` had answered. */
  seedResponse(...args: Parameters<SurveyAnswers['seedResponse']>) {
    return this.answers.seedResponse(...args);
  }

  /**
   * Seals every closed wave not sealed yet: respondent keys replaced by
   * random ones (see `sealWave`). Run by a scheduled task.
   */
  sealClosedWaves(...args: Parameters<SurveyResults['sealClosedWaves']>) {
    return this.results.sealClosedWaves(...args);
  }

  /** A team's results across waves (oldest first), with changes where both waves meet k. */
  teamResults(...args: Parameters<SurveyResults['teamResults']>) {
    return this.results.teamResults(...args);
  }

  /**
   * Teams × subscales for one wave (default: the latest closed one), with
   * roll-ups, each group's change since the previous closed wave, and what
   * the results cover.
   */
  heatmap(...args: Parameters<SurveyResults['heatmap']>) {
    return this.results.heatmap(...args);
  }
}
