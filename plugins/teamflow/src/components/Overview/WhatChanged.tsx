import { ReactNode } from 'react';
import {
  List,
  ListItem,
  ListItemText,
  Typography,
  makeStyles,
} from '@material-ui/core';
import useAsync from 'react-use/esm/useAsync';
import {
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { parseEntityRef } from '@backstage/catalog-model';
import {
  DELIVERY_SHIFT_RULES,
  OrgChange,
  deliverySignalText,
  isLoadRise,
  formatDay,
} from '@teamflow/plugin-teamflow-common';
import { teamflowApiRef } from '../../api/TeamflowApi';

const useStyles = makeStyles({
  // Sentences wrap inside the card (links inside them keep their words whole).
  line: { whiteSpace: 'normal', overflowWrap: 'break-word' },
});

const TYPE_WORDS: Record<string, string> = {
  'stream-aligned': 'stream-aligned',
  platform: 'platform',
  enabling: 'enabling',
  'complicated-subsystem': 'complicated-subsystem',
  undeclared: 'undeclared',
};

const teamPath = (ref: string) => {
  const { namespace, name } = parseEntityRef(ref);
  return `/catalog/${namespace}/group/${name}`;
};

const team = (ref: string, title?: string) => (
  <EntityRefLink entityRef={ref} defaultKind="group" title={title} />
);

/** One change as a sentence with its links. */
function describe(change: OrgChange, mapLink: string): ReactNode {
  switch (change.kind) {
    case 'team-created':
      return <>New team {team(change.refs[0], change.title)}</>;
    case 'team-removed':
      return <>Team {change.title} was removed from the catalog</>;
    case 'team-retyped':
      return (
        <>
          {team(change.refs[0], change.title)} is now{' '}
          {TYPE_WORDS[change.to] ?? change.to} (was{' '}
          {TYPE_WORDS[change.from] ?? change.from})
        </>
      );
    case 'owner-moved':
      return (
        <>
          <EntityRefLink entityRef={change.refs[0]} /> moved to{' '}
          {change.to ? team(change.to) : 'no owner'} from{' '}
          {change.from ? team(change.from) : 'no owner'}
        </>
      );
    case 'undeclared-dependency':
      return (
        <>
          {team(change.refs[0])} now depends on {team(change.refs[1])} without a
          declared interaction (
          <Link to={`${mapLink}?problems=true`}>on the map</Link>)
        </>
      );
    case 'review-overdue':
      return (
        <>
          The interaction of {team(change.refs[0])} with {team(change.refs[1])}{' '}
          passed its review date (
          <Link to={`${mapLink}?problems=true`}>on the map</Link>)
        </>
      );
    case 'load-band':
      return (
        <>
          {team(change.refs[0], change.title)}
          {isLoadRise(change) ? ' rose' : ' fell'} to {change.to} structural
          load ({change.score}, was {change.from})
        </>
      );
    case 'debt-change': {
      const { from, to } = change;
      const items = (n: number) => `${n} ${n === 1 ? 'item' : 'items'}`;
      return (
        <>
          {team(change.refs[0], change.title)}'s open debt{' '}
          {to.score >= from.score ? 'rose' : 'fell'} to {to.score} (
          {items(to.open)}; was {from.score}, {items(from.open)}) (
          <Link to={`${teamPath(change.refs[0])}/tech-debt`}>tech debt</Link>)
        </>
      );
    }
    case 'delivery-shift':
      return (
        <>
          {team(change.refs[0], change.title)}'s{' '}
          {DELIVERY_SHIFT_RULES[change.metric].name}{' '}
          {change.better ? 'improved' : 'worsened'} to{' '}
          {deliverySignalText(change.metric, change.to)} (was{' '}
          {deliverySignalText(change.metric, change.from)}) (
          <Link to={`${teamPath(change.refs[0])}/delivery`}>delivery</Link>)
        </>
      );
    default:
      return null;
  }
}

/**
 * "What changed since last week" on the CTO overview: teams created,
 * removed or retyped, owner moves, new undeclared dependencies, overdue
 * reviews, structural-load bands crossed, debt added or resolved and
 * delivery shifts, from the organisation's daily
 * snapshots; each line links to what it is about.
 */
export function WhatChangedCard(props: { mapLink: string }) {
  const classes = useStyles();
  const api = useApi(teamflowApiRef);
  const { value, loading, error } = useAsync(() => api.getChanges(), [api]);
  let body: ReactNode;
  let subheader: string | undefined;
  if (loading) body = <Progress />;
  else if (error) body = <ResponseErrorPanel error={error} />;
  else if (value!.status === 'not-enough-history') {
    body = (
      <Typography variant="body2">
        {value!.earliest
          ? `The history starts on ${formatDay(
              value!.earliest,
            )}: a week after it, this card compares the two.`
          : 'No history yet: the first snapshot of the organisation is taken within an hour of the portal starting, then one a day.'}
      </Typography>
    );
  } else {
    const { from, to, changes } = value!;
    subheader = `${formatDay(from.snapshotOn)} → ${formatDay(to.snapshotOn)}`;
    body = changes.length ? (
      <List dense aria-label="Changes since last week">
        {changes.map((c, i) => (
          <ListItem key={i} disableGutters>
            <ListItemText
              disableTypography
              primary={
                <Typography variant="body2" className={classes.line}>
                  {describe(c, props.mapLink)}
                </Typography>
              }
            />
          </ListItem>
        ))}
      </List>
    ) : (
      <Typography variant="body2">
        No change in teams, owners, dependencies between teams, structural load,
        debt or delivery.
      </Typography>
    );
  }
  return (
    <InfoCard title="What changed since last week" subheader={subheader}>
      {body}
    </InfoCard>
  );
}
