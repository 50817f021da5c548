import { useState } from 'react';
import {
  Box,
  Chip,
  Grid,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import { sentenceCase } from '@teamflow/plugin-teamflow-common';
import useAsync from 'react-use/esm/useAsync';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink, useEntity } from '@backstage/plugin-catalog-react';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { DEBT_STATUSES } from '@teamflow/plugin-tech-debt-common';
import { techDebtApiRef } from '../../api/TechDebtApi';
import { DebtFilters } from '../DebtFilters';
import { DebtItemTitle } from '../DebtItemTitle';
import { DebtFilter, defaultFilter, matchesFilter } from '../../lib/debtFilter';
import { TeamTechDebtCard } from './TeamTechDebtCard';
import { ReadableTable } from '../ReadableTable';

/**
 * A team's "Tech debt" tab: the roll-up card, items by status, and every item
 * on the entities it owns, filterable by category and status.
 */
export function TeamTechDebtContent() {
  const { entity } = useEntity();
  const api = useApi(techDebtApiRef);
  const ref = stringifyEntityRef(entity).toLocaleLowerCase('en-US');
  const { value, loading, error } = useAsync(
    () => api.getTeamItems(ref),
    [api, ref],
  );
  const [filter, setFilter] = useState<DebtFilter>(defaultFilter);
  let body;
  if (loading) body = <Progress />;
  else if (error) body = <ResponseErrorPanel error={error} />;
  else {
    const items = value!;
    const shown = items.filter(i => matchesFilter(i, filter));
    body = (
      <>
        <Box
          mb={2}
          display="flex"
          flexWrap="wrap"
          style={{ gap: 8 }}
          aria-label="Items by status"
        >
          {DEBT_STATUSES.map(s => (
            <Chip
              key={s}
              label={`${sentenceCase(s)}: ${
                items.filter(i => i.status === s).length
              }`}
            />
          ))}
        </Box>
        <Box mb={1}>
          <DebtFilters filter={filter} onChange={setFilter} />
        </Box>
        {shown.length === 0 ? (
          <Typography variant="body2">
            No debt matches these filters.
          </Typography>
        ) : (
          <ReadableTable>
            <Table size="small" aria-label="Team debt items">
              <TableHead>
                <TableRow>
                  <TableCell>Item</TableCell>
                  <TableCell>Entity</TableCell>
                  <TableCell>Category</TableCell>
                  <TableCell>Score</TableCell>
                  <TableCell>Status</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {shown.map(i => (
                  <TableRow key={i.id}>
                    <TableCell>
                      <DebtItemTitle item={i} />
                    </TableCell>
                    <TableCell>
                      <EntityRefLink entityRef={i.entityRef} />
                    </TableCell>
                    <TableCell>{sentenceCase(i.category)}</TableCell>
                    <TableCell>{i.score}</TableCell>
                    <TableCell>{sentenceCase(i.status)}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </ReadableTable>
        )}
      </>
    );
  }
  return (
    // Side by side from 1280 px; below, the items' five columns need the
    // whole width.
    <Grid container spacing={3}>
      <Grid item xs={12} lg={5}>
        <TeamTechDebtCard />
      </Grid>
      <Grid item xs={12} lg={7}>
        <InfoCard title="Everything the team owes">{body}</InfoCard>
      </Grid>
    </Grid>
  );
}
