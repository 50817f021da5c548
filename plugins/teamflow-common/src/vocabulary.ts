/** The API version of Teamflow's own kinds. @public */
export const TEAMFLOW_API_VERSION = 'teamflow.io/v1alpha1';

/** Label on a Group: its Team Topologies team type. @public */
export const TEAM_TYPE_LABEL = 'teamflow.io/team-type';
/** Annotation on a Group: the team's focus in one sentence. @public */
export const FOCUS_ANNOTATION = 'teamflow.io/focus';
/** Annotation on a Group: the value stream a team works in. @public */
export const VALUE_STREAM_ANNOTATION = 'teamflow.io/value-stream';
/** Annotation on a Group: the platform grouping a platform team belongs to. @public */
export const PLATFORM_GROUPING_ANNOTATION = 'teamflow.io/platform-grouping';
/** Annotation on a Domain or System: simple | complicated | complex. @public */
export const COMPLEXITY_ANNOTATION = 'teamflow.io/complexity';

/** The four Team Topologies team types. @public */
export const TEAM_TYPES = [
  'stream-aligned',
  'platform',
  'enabling',
  'complicated-subsystem',
] as const;

/**
 * Every type a team can show: the four, and "undeclared" for a team Group
 * without the team-type label. @public
 */
export const TEAM_TYPES_OR_UNDECLARED = [...TEAM_TYPES, 'undeclared'] as const;
/** A Team Topologies team type. @public */
export type TeamType = (typeof TEAM_TYPES)[number];

/** The three Team Topologies interaction modes. @public */
export const INTERACTION_MODES = [
  'collaboration',
  'x-as-a-service',
  'facilitating',
] as const;
/** A Team Topologies interaction mode. @public */
export type InteractionMode = (typeof INTERACTION_MODES)[number];

/** Where a declared team interaction is in its life. @public */
export const INTERACTION_STATUSES = ['planned', 'active', 'ended'] as const;
/** A team interaction's status. @public */
export type InteractionStatus = (typeof INTERACTION_STATUSES)[number];

/** How much a dependency between teams hurts, as the depending team declares it. @public */
export const DEPENDENCY_SEVERITIES = ['ok', 'slowing', 'blocking'] as const;
/** A dependency's severity. @public */
export type DependencySeverity = (typeof DEPENDENCY_SEVERITIES)[number];

/** The kinds of persona a team can serve. @public */
export const PERSONA_TYPES = [
  'end-user',
  'buyer',
  'admin',
  'operator',
  'internal-developer',
] as const;
/** A kind of persona. @public */
export type PersonaType = (typeof PERSONA_TYPES)[number];

/** Where a persona is in its life: a proto-persona, validated with research, or retired. @public */
export const PERSONA_LIFECYCLES = ['proto', 'validated', 'retired'] as const;
/** A persona's lifecycle. @public */
export type PersonaLifecycle = (typeof PERSONA_LIFECYCLES)[number];

/** Where a feature is in its life (`kind: Feature`, `spec.lifecycle`). @public */
export const FEATURE_LIFECYCLES = [
  'idea',
  'discovery',
  'building',
  'launched',
  'retired',
] as const;

/** A feature's lifecycle. @public */
export type FeatureLifecycle = (typeof FEATURE_LIFECYCLES)[number];

/** The domain complexities a Domain or System can declare (`teamflow.io/complexity`). @public */
export const COMPLEXITIES = ['simple', 'complicated', 'complex'] as const;
/** A domain's complexity. @public */
export type Complexity = (typeof COMPLEXITIES)[number];

/**
 * One sentence per team type, for badges and tooltips. Paraphrased from
 * Skelton and Pais, Team Topologies (2019), chapter 5.
 *
 * @public
 */
export const TEAM_TYPE_DESCRIPTIONS: Record<TeamType | 'undeclared', string> = {
  'stream-aligned':
    'Aligned to a flow of work from a segment of the business; delivers user value end to end without hand-offs.',
  platform:
    'Provides internal services as a product so stream-aligned teams can deliver with autonomy and less cognitive load.',
  enabling:
    'Specialists who help other teams acquire missing capabilities, then step back; temporary by design.',
  'complicated-subsystem':
    'Owns a part of the system that needs deep specialist knowledge, offered to others as a service.',
  undeclared:
    'This team has no teamflow.io/team-type label yet, so Teamflow cannot tell how it is meant to work.',
};

/** One sentence per interaction mode, for badges and tooltips. @public */
export const INTERACTION_MODE_DESCRIPTIONS: Record<InteractionMode, string> = {
  collaboration:
    'Two teams work closely together for a defined period to discover something new; expensive, so it should end.',
  'x-as-a-service':
    'One team consumes something another provides, with minimal collaboration.',
  facilitating:
    'One team helps another learn or adopt something, for a limited time.',
};

/**
 * Relation types Teamflow emits, always in pairs. They are prefixed so they
 * never collide with Backstage's own.
 *
 * @public
 */
export const TEAMFLOW_RELATIONS = {
  /** persona → group */
  servedBy: 'teamflow.io/servedBy',
  /** group → persona */
  serves: 'teamflow.io/serves',
  /** persona → system/component */
  uses: 'teamflow.io/uses',
  /** system/component → persona */
  usedBy: 'teamflow.io/usedBy',
  /** x-as-a-service: provider → consumer */
  providesServiceTo: 'teamflow.io/providesServiceTo',
  /** x-as-a-service: consumer → provider */
  consumesServiceFrom: 'teamflow.io/consumesServiceFrom',
  /** collaboration, both ways */
  collaboratesWith: 'teamflow.io/collaboratesWith',
  /** facilitating: enabling team → helped team */
  facilitates: 'teamflow.io/facilitates',
  /** facilitating: helped team → enabling team */
  facilitatedBy: 'teamflow.io/facilitatedBy',
  /** feature → persona it is aimed at */
  targets: 'teamflow.io/targets',
  /** persona → feature aimed at it */
  targetedBy: 'teamflow.io/targetedBy',
  /** feature → component implementing it */
  implementedBy: 'teamflow.io/implementedBy',
  /** component → feature it implements */
  implements: 'teamflow.io/implements',
} as const;

/**
 * The relation pairs, for `@backstage/plugin-catalog-graph`'s `relationPairs`.
 *
 * @public
 */
export const TEAMFLOW_RELATION_PAIRS: [string, string][] = [
  [TEAMFLOW_RELATIONS.servedBy, TEAMFLOW_RELATIONS.serves],
  [TEAMFLOW_RELATIONS.uses, TEAMFLOW_RELATIONS.usedBy],
  [
    TEAMFLOW_RELATIONS.providesServiceTo,
    TEAMFLOW_RELATIONS.consumesServiceFrom,
  ],
  [TEAMFLOW_RELATIONS.collaboratesWith, TEAMFLOW_RELATIONS.collaboratesWith],
  [TEAMFLOW_RELATIONS.facilitates, TEAMFLOW_RELATIONS.facilitatedBy],
  [TEAMFLOW_RELATIONS.targets, TEAMFLOW_RELATIONS.targetedBy],
  [TEAMFLOW_RELATIONS.implementedBy, TEAMFLOW_RELATIONS.implements],
];

/**
 * Team Topologies' diagram colours: stream-aligned yellow, platform blue,
 * enabling purple, complicated-subsystem orange; undeclared grey.
 *
 * @public
 */
export const TEAM_TYPE_COLOURS: Record<TeamType | 'undeclared', string> = {
  'stream-aligned': '#FFE08A',
  platform: '#9CC3F0',
  enabling: '#D7B8EC',
  'complicated-subsystem': '#F6B78C',
  undeclared: '#D9D9D9',
};

/** Display names of the team types. @public */
export const TEAM_TYPE_TITLES: Record<TeamType | 'undeclared', string> = {
  'stream-aligned': 'Stream-aligned',
  platform: 'Platform',
  enabling: 'Enabling',
  'complicated-subsystem': 'Complicated-subsystem',
  undeclared: 'Type undeclared',
};
