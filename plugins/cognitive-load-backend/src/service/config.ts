import { Config } from '@backstage/config';
import {
  DEFAULT_INSTRUMENT,
  DEFAULT_K,
  Instrument,
  MINIMUM_K,
  validateInstrument,
} from '@teamflow/plugin-cognitive-load-common';

/** The plugin's settings, read and checked at start-up. @public */
export type SurveyConfig = {
  k: number;
  /**
   * The respondent-key secret from configuration; when not configured the
   * plugin generates one and keeps it in its own database (see plugin.ts).
   */
  secret?: string;
  /** The default instrument first, then the organisation's own. */
  instruments: Instrument[];
  defaultInstrument: Instrument;
  showOpenWaveResults: boolean;
  seedDemo: boolean;
  /** Differentially private roll-ups: ε per published roll-up number. */
  differentialPrivacy?: { epsilon: number };
};

/**
 * Reads `cognitiveLoad.*`, refusing to start with a message naming the
 * setting when something is wrong.
 *
 * @public
 */
export function readSurveyConfig(config: Config): SurveyConfig {
  const c = config.getOptionalConfig('cognitiveLoad');
  const fail = (key: string, message: string): never => {
    throw new Error(`Invalid cognitiveLoad.${key}: ${message}`);
  };
  const k = c?.getOptionalNumber('minimumResponses') ?? DEFAULT_K;
  if (!Number.isInteger(k) || k < MINIMUM_K) {
    fail(
      'minimumResponses',
      `must be an integer of at least ${MINIMUM_K}, got ${k}`,
    );
  }
  const secret = c?.getOptionalString('respondentKeySecret');
  if (secret !== undefined && secret.length < 16) {
    fail(
      'respondentKeySecret',
      'must be at least 16 characters (or left out: a generated one is kept in the plugin database); respondents are stored only as a keyed hash made with it',
    );
  }
  const instruments: Instrument[] = [DEFAULT_INSTRUMENT];
  (c?.getOptional<unknown[]>('instruments') ?? []).forEach((raw, i) => {
    const problems = validateInstrument(raw);
    if (problems.length) {
      fail(
        `instruments[${i}]`,
        problems
          .map(p => `${p.field || '(instrument)'} ${p.message}`)
          .join('; '),
      );
    }
    const instrument = raw as Instrument;
    if (
      instruments.some(
        x => x.id === instrument.id && x.version === instrument.version,
      )
    ) {
      fail(
        `instruments[${i}]`,
        `${instrument.id} version ${instrument.version} is defined twice`,
      );
    }
    instruments.push(instrument);
  });
  const defaultId = c?.getOptionalString('defaultInstrument');
  const candidates = instruments.filter(
    x => x.id === (defaultId ?? DEFAULT_INSTRUMENT.id),
  );
  if (candidates.length === 0) {
    fail('defaultInstrument', `no instrument with id '${defaultId}'`);
  }
  const defaultInstrument = candidates.sort((a, b) => b.version - a.version)[0];
  const epsilon = c?.getOptionalNumber('differentialPrivacy.epsilon');
  if (epsilon !== undefined && !(epsilon > 0 && epsilon <= 10)) {
    fail(
      'differentialPrivacy.epsilon',
      `must be a number above 0 and at most 10, got ${epsilon}`,
    );
  }
  return {
    k,
    secret,
    instruments,
    defaultInstrument,
    showOpenWaveResults: c?.getOptionalBoolean('showOpenWaveResults') ?? false,
    seedDemo: c?.getOptionalBoolean('demo.seed') ?? false,
    differentialPrivacy: epsilon === undefined ? undefined : { epsilon },
  };
}
