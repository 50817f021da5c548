import { useState } from 'react';
import { Box, Button, Grid, TextField } from '@material-ui/core';
import Autocomplete from '@material-ui/lab/Autocomplete';
import Alert from '@material-ui/lab/Alert';
import useAsync from 'react-use/esm/useAsync';
import { InfoCard } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { cognitiveLoadApiRef } from '../../api/CognitiveLoadApi';
import { today, inDays } from './waveDays';

/** Open a wave: title, teams and dates, each checked before it is sent. */
export function OpenWaveForm(props: { onOpened: () => void }) {
  const api = useApi(cognitiveLoadApiRef);
  const catalogApi = useApi(catalogApiRef);
  const teams = useAsync(async () => {
    const { items } = await catalogApi.getEntities({
      filter: { kind: 'group', 'spec.type': 'team' },
      fields: ['kind', 'metadata.name', 'metadata.namespace', 'metadata.title'],
    });
    return items
      .map(e => ({
        ref: stringifyEntityRef(e).toLocaleLowerCase('en-US'),
        title: e.metadata.title ?? e.metadata.name,
      }))
      .sort((a, b) => a.title.localeCompare(b.title));
  }, [catalogApi]);
  const [title, setTitle] = useState('');
  const [chosen, setChosen] = useState<Array<{ ref: string; title: string }>>(
    [],
  );
  const [opensAt, setOpensAt] = useState(today());
  const [closesAt, setClosesAt] = useState(inDays(14));
  const [message, setMessage] = useState<{ ok: boolean; text: string }>();

  const submit = async () => {
    setMessage(undefined);
    try {
      const wave = await api.openWave({
        title,
        teams: chosen.map(t => t.ref),
        opensAt,
        closesAt,
      });
      setMessage({
        ok: true,
        text: `Opened '${wave.title}' for ${wave.teamCount} teams.`,
      });
      setTitle('');
      setChosen([]);
      props.onOpened();
    } catch (e) {
      setMessage({ ok: false, text: (e as Error).message });
    }
  };

  return (
    <InfoCard title="Open a wave">
      <form
        aria-label="Open a wave"
        onSubmit={e => {
          e.preventDefault();
          submit();
        }}
      >
        <Grid container spacing={2}>
          <Grid item xs={12} md={6}>
            <TextField
              id="cognitive-load-wave-title"
              label="Title"
              value={title}
              onChange={e => setTitle(e.target.value)}
              fullWidth
              required
              placeholder="Q1 2027 pulse"
            />
          </Grid>
          <Grid item xs={6} md={3}>
            <TextField
              id="cognitive-load-wave-opens"
              label="Opens"
              type="date"
              value={opensAt}
              onChange={e => setOpensAt(e.target.value)}
              InputLabelProps={{ shrink: true }}
              fullWidth
            />
          </Grid>
          <Grid item xs={6} md={3}>
            <TextField
              id="cognitive-load-wave-closes"
              label="Closes"
              type="date"
              value={closesAt}
              onChange={e => setClosesAt(e.target.value)}
              InputLabelProps={{ shrink: true }}
              fullWidth
            />
          </Grid>
          <Grid item xs={12}>
            <Autocomplete
              id="cognitive-load-wave-teams"
              multiple
              disableCloseOnSelect
              options={teams.value ?? []}
              loading={teams.loading}
              value={chosen}
              onChange={(_e, v) => setChosen(v)}
              getOptionLabel={o => o.title}
              getOptionSelected={(a, b) => a.ref === b.ref}
              renderInput={params => (
                <TextField {...params} label="Teams" placeholder="Add teams" />
              )}
            />
          </Grid>
        </Grid>
        <Box mt={2} display="flex" style={{ gap: 8 }}>
          <Button
            type="submit"
            variant="contained"
            color="primary"
            disabled={!title.trim() || chosen.length === 0}
          >
            Open wave
          </Button>
          <Button onClick={() => setChosen(teams.value ?? [])}>
            All teams
          </Button>
        </Box>
        {message && (
          <Box mt={2}>
            <Alert severity={message.ok ? 'success' : 'error'}>
              {message.text}
            </Alert>
          </Box>
        )}
      </form>
    </InfoCard>
  );
}
