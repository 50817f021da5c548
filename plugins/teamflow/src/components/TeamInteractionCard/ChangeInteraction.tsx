import { useState } from 'react';
import {
  Box,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  TextField,
  Typography,
} from '@material-ui/core';
import useAsync from 'react-use/esm/useAsync';
import { CodeSnippet, Link } from '@backstage/core-components';
import { identityApiRef, useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  ANNOTATION_EDIT_URL,
  ANNOTATION_LOCATION,
  ANNOTATION_ORIGIN_LOCATION,
} from '@backstage/catalog-model';
import {
  TeamInteractionEntity,
  formatDay,
} from '@teamflow/plugin-teamflow-common';

type Change = {
  title: string;
  /** What to write under `spec:`. */
  yaml: (reviewBy: string) => string;
  asksForDate?: boolean;
};

/** `2026-11-30` plus whole months, as a calendar day. */
function addMonths(day: string, months: number) {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + months);
  return d.toISOString().slice(0, 10);
}

/**
 * The changes a team usually makes to an interaction it is part of, and how:
 * a TeamInteraction lives in YAML beside the teams' code, so each change is
 * the lines to write and a link to the file, picked up at the catalog's next
 * refresh. Shown to members of the two teams.
 */
export function ChangeInteraction(props: {
  entity: TeamInteractionEntity;
  today: string;
}) {
  const { entity, today } = props;
  const { from, to, mode, status, reviewBy } = entity.spec;
  const identityApi = useApi(identityApiRef);
  const { value: member } = useAsync(async () => {
    const { ownershipEntityRefs } = await identityApi.getBackstageIdentity();
    const mine = new Set(ownershipEntityRefs.map(r => r.toLocaleLowerCase()));
    return (
      mine.has(from.toLocaleLowerCase()) || mine.has(to.toLocaleLowerCase())
    );
  }, [identityApi, from, to]);
  const [open, setOpen] = useState<Change>();
  const [date, setDate] = useState(
    addMonths(reviewBy && reviewBy > today ? reviewBy : today, 3),
  );

  if (status === 'ended') return null;
  const changes: Change[] = [];
  if (mode !== 'x-as-a-service') {
    changes.push({
      title: 'Extend',
      asksForDate: true,
      yaml: day => `spec:\n  reviewBy: '${day}'`,
    });
  }
  changes.push({ title: 'End', yaml: () => 'spec:\n  status: ended' });
  if (mode === 'collaboration') {
    changes.push({
      title: 'Convert to X-as-a-Service',
      yaml: () =>
        `spec:\n  mode: x-as-a-service\n  # from: the team providing the service; to: the team consuming it\n  # reviewBy: remove the line (a service has no end date)`,
    });
  } else if (mode === 'x-as-a-service') {
    changes.push({
      title: 'Convert to collaboration',
      asksForDate: true,
      yaml: day =>
        `spec:\n  mode: collaboration\n  reviewBy: '${day}' # collaboration is temporary: when to review it`,
    });
  }

  const annotations = entity.metadata.annotations ?? {};
  const editUrl = annotations[ANNOTATION_EDIT_URL];
  const location = (
    annotations[ANNOTATION_ORIGIN_LOCATION] ??
    annotations[ANNOTATION_LOCATION] ??
    ''
  ).replace(/^(file|url):/, '');

  if (!member) {
    return (
      <Typography variant="body2" color="textSecondary">
        <EntityRefLink entityRef={from} defaultKind="group" /> and{' '}
        <EntityRefLink entityRef={to} defaultKind="group" /> extend, end or
        convert this interaction.
      </Typography>
    );
  }
  return (
    <>
      <Box display="flex" flexWrap="wrap" style={{ gap: 8 }}>
        {changes.map(c => (
          <Button
            key={c.title}
            variant="outlined"
            size="small"
            onClick={() => setOpen(c)}
          >
            {c.title}
          </Button>
        ))}
      </Box>
      {open && (
        <Dialog open onClose={() => setOpen(undefined)} fullWidth maxWidth="sm">
          <DialogTitle>
            {open.title}: {entity.metadata.title ?? entity.metadata.name}
          </DialogTitle>
          <DialogContent>
            {open.asksForDate && (
              <TextField
                id="interaction-review-by"
                type="date"
                label="Review by"
                value={date}
                onChange={e => setDate(e.target.value)}
                InputLabelProps={{ shrink: true }}
                helperText={
                  reviewBy
                    ? `Now ${formatDay(reviewBy)}`
                    : 'Collaboration is temporary: pick when to look at it again'
                }
                style={{ marginBottom: 16 }}
              />
            )}
            <Typography variant="body2" paragraph>
              This interaction is declared in YAML beside your code. Change
              these lines of <code>{entity.metadata.name}</code>; the catalog
              picks the change up at its next refresh, and the map, the overview
              and the alerts follow.
            </Typography>
            <CodeSnippet language="yaml" text={open.yaml(date)} />
            <Box mt={2}>
              {editUrl ? (
                <Link to={editUrl}>Edit the file</Link>
              ) : (
                <Typography variant="body2">
                  The file: <code>{location || 'where it was registered'}</code>
                </Typography>
              )}
            </Box>
          </DialogContent>
          <DialogActions>
            <Button onClick={() => setOpen(undefined)}>Close</Button>
          </DialogActions>
        </Dialog>
      )}
    </>
  );
}
