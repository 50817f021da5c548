export interface Config {
  /** Teamflow cognitive-load surveys (@teamflow/plugin-cognitive-load-backend). */
  cognitiveLoad?: {
    /**
     * k: results of a group are shown only when at least this many people
     * answered. Default 5; never below 3.
     */
    minimumResponses?: number;
    /**
     * Secret for the keyed hash that is the only stored trace of a respondent
     * while a wave is open. At least 16 characters. When left out, a random
     * one is generated and kept in the plugin's database. Changing it lets
     * everyone answer open waves again.
     * @visibility secret
     */
    respondentKeySecret?: string;
    /** Instrument for new waves (id; the highest version is used). Default teamflow-default. */
    defaultInstrument?: string;
    /** The organisation's own instruments, validated at start-up. */
    instruments?: Array<{
      id: string;
      version: number;
      title: string;
      items: Array<{
        id: string;
        text: string;
        subscale: 'intrinsic' | 'extraneous' | 'flow' | 'germane';
        polarity: 'positive' | 'negative';
      }>;
    }>;
    /**
     * Show results of a wave that is still open: a team's results appear once
     * k people answered and then move only when k more have answered (a
     * changed answer never shows on its own); roll-ups wait for the close.
     * Answers given after a team's last step while open stay out of its
     * results. Default false: results appear when the wave closes, with every
     * answer.
     */
    showOpenWaveResults?: boolean;
    /**
     * Differentially private roll-ups: groups above the teams publish a
     * noisy mean (Laplace mechanism, scale 100 / (n·ε)) with its expected
     * error, and are shown even where the subtraction rule would hide them.
     * epsilon is spent per published roll-up number; teams keep exact medians
     * under the k rules.
     */
    differentialPrivacy?: {
      /** Above 0, at most 10. Smaller: more noise, more privacy. */
      epsilon: number;
    };
    demo?: {
      /** Seed the Basketly demo's waves and answers once its teams are in the catalog. */
      seed?: boolean;
    };
  };
}
