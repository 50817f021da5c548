import { Typography } from '@material-ui/core';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import { teamflowApiRef } from '../../api/TeamflowApi';
import { useNorthStarStyles } from './northStarStyles';
import { NorthStarTreeView } from './NorthStarTreeView';

/**
 * The North Star trees of the organisation's product areas (Domains with
 * `spec.northStar`): the metric, its inputs, their trends and the teams
 * moving each.
 *
 * @public
 */
export function NorthStarCard() {
  const classes = useNorthStarStyles();
  const api = useApi(teamflowApiRef);
  const { value, loading, error } = useAsync(() => api.getNorthStars(), [api]);
  let body;
  if (loading) body = <Progress />;
  else if (error) body = <ResponseErrorPanel error={error} />;
  else if (!value?.length)
    body = (
      <Typography variant="body2">
        No product area declares a North Star yet: give a Domain a
        spec.northStar with the metric and the inputs that drive it.
      </Typography>
    );
  else
    body = (
      <>
        {value.map(tree => (
          <NorthStarTreeView key={tree.domain} tree={tree} />
        ))}
        <Typography variant="caption" component="p" className={classes.note}>
          Weekly values of the last 13 complete weeks; change: the last 4 weeks
          against the 4 before. Moved by: the teams owning the features declared
          to move each input.
        </Typography>
      </>
    );
  return <InfoCard title="North Star">{body}</InfoCard>;
}
