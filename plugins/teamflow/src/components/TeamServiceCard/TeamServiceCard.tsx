import { useEntity } from '@backstage/plugin-catalog-react';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { TEAM_TYPE_LABEL } from '@teamflow/plugin-teamflow-common';
import { PlatformConsumers } from './PlatformConsumers';
import { CoachingEngagements } from './CoachingEngagements';

/**
 * What a team offers other teams, fitted to its type: an enabling team's
 * coaching engagements, a platform team's consumers. Nothing for other types.
 *
 * @public
 */
export function TeamServiceCard() {
  const { entity } = useEntity();
  const teamRef = stringifyEntityRef(entity).toLocaleLowerCase('en-US');
  const type = entity.metadata.labels?.[TEAM_TYPE_LABEL];
  if (type === 'enabling') return <CoachingEngagements teamRef={teamRef} />;
  if (type === 'platform') return <PlatformConsumers teamRef={teamRef} />;
  return null;
}
