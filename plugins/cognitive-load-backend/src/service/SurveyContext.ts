import {
  AuthService,
  BackstageCredentials,
  LoggerService,
  PermissionsService,
  UserInfoService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  cognitiveLoadResultsReadPermission,
  cognitiveLoadWaveCreatePermission,
} from '@teamflow/plugin-cognitive-load-common';
import { CognitiveLoadStore, StoredWave } from '../database/CognitiveLoadStore';
import { SurveyConfig } from './config';
import { legacyRespondentKey, respondentKey } from './respondentKey';
import {
  OrgModel,
  OrgModelService,
  lowerRef as lower,
} from '@teamflow/plugin-teamflow-node';
import { OrgGroup } from './waveResults';

/**
 * What every part of the survey service shares: its stores and services,
 * the clock, the organisation's groups, and who the caller is and may do.
 */
export class SurveyContext {
  private readonly groupMaps = new WeakMap<OrgModel, Map<string, OrgGroup>>();

  constructor(
    readonly store: CognitiveLoadStore,
    readonly auth: AuthService,
    readonly userInfo: UserInfoService,
    readonly permissions: PermissionsService,
    readonly config: SurveyConfig & { secret: string },
    readonly logger: LoggerService,
    readonly now: () => Date,
    readonly org: OrgModelService,
  ) {}

  get k() {
    return this.config.k;
  }

  nowIso() {
    return this.now().toISOString();
  }

  /**
   * Groups of the catalog as the survey needs them, from the organisation
   * model every Teamflow plugin shares (one map per model, so results
   * cached against a model stay valid while it does).
   */
  async groups(): Promise<Map<string, OrgGroup>> {
    const model = await this.org.current();
    let groups = this.groupMaps.get(model);
    if (!groups) {
      groups = new Map(
        [...model.groups.values()].map(g => [
          g.ref,
          {
            ref: g.ref,
            title: g.title,
            type: g.teamType,
            parentRef: g.parent,
            members: g.members,
          },
        ]),
      );
      this.groupMaps.set(model, groups);
    }
    return groups;
  }

  async user(credentials: BackstageCredentials) {
    if (!this.auth.isPrincipal(credentials, 'user')) {
      throw new NotAllowedError('Only signed-in users can do this');
    }
    const info = await this.userInfo.getUserInfo(credentials);
    return {
      userRef: lower(info.userEntityRef),
      groups: new Set(info.ownershipEntityRefs.map(lower)),
    };
  }

  async allowed(
    credentials: BackstageCredentials,
    permission:
      | typeof cognitiveLoadWaveCreatePermission
      | typeof cognitiveLoadResultsReadPermission,
  ) {
    const [decision] = await this.permissions.authorize([{ permission }], {
      credentials,
    });
    return decision.result === AuthorizeResult.ALLOW;
  }

  /**
   * Who reads results: holders of the results permission read every team's;
   * anyone else their own teams' and those of the waves they opened (whoever
   * runs a survey sees what it found, as the product's platform and enabling
   * teams do).
   */
  async reader(credentials: BackstageCredentials) {
    const readsAll = await this.allowed(
      credentials,
      cognitiveLoadResultsReadPermission,
    );
    const user = this.auth.isPrincipal(credentials, 'user')
      ? await this.user(credentials)
      : undefined;
    return {
      readsAll,
      groups: user?.groups ?? new Set<string>(),
      opened: (wave: StoredWave) =>
        user !== undefined && wave.createdBy === user.userRef,
    };
  }

  async wave(id: string) {
    const wave = await this.store.getWave(id);
    if (!wave) throw new NotFoundError(`No wave ${id}`);
    return wave;
  }

  async mayManage(credentials: BackstageCredentials, wave: StoredWave) {
    const { userRef } = await this.user(credentials);
    return (
      wave.createdBy === userRef ||
      (await this.allowed(credentials, cognitiveLoadWaveCreatePermission))
    );
  }

  /** The caller's key for a wave and team, then the key before keys were per team. */
  keysOf(waveId: string, teamRef: string, userRef: string) {
    return [
      respondentKey(this.config.secret, waveId, teamRef, userRef),
      legacyRespondentKey(this.config.secret, waveId, userRef),
    ];
  }
}
