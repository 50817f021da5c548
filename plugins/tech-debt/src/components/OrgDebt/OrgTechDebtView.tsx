import {
  Grid,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@material-ui/core';
import { InfoCard } from '@backstage/core-components';
import { DEBT_CATEGORIES } from '@teamflow/plugin-tech-debt-common';
import { OrgDebtRollup } from '../../api/TechDebtApi';
import { CategoryBars } from '../CategoryBars';
import { TrendLine } from '../TrendLine';
import { DebtNextToDelivery } from './DebtNextToDelivery';
import { DebtTeam } from './DebtTeam';
import { ReadableTable } from '../ReadableTable';
import { ItemList } from './ItemList';
import { useOrgDebtStyles } from './orgDebtStyles';

/** The organisation's debt for the CTO: by team and category, priorities, trend, resolution. */
export function OrgTechDebtView(props: { rollup: OrgDebtRollup }) {
  const r = props.rollup;
  const classes = useOrgDebtStyles();
  return (
    <Grid container spacing={3}>
      {/* Side by side from 1280 px: below, the table's nine columns need
          the whole width (a 1024 px screen would scroll it sideways). */}
      <Grid item xs={12} lg={4}>
        <InfoCard title="Open debt">
          <Typography variant="h3" component="p">
            {r.open}
          </Typography>
          <Typography variant="body2">
            items, total priority score {r.score}
          </Typography>
          <CategoryBars byCategory={r.byCategory} />
          <TrendLine trend={r.trend} label="Open debt of the organisation" />
        </InfoCard>
      </Grid>
      <Grid item xs={12} lg={8}>
        <InfoCard title="By team and category (open items)">
          <ReadableTable>
            <Table
              size="small"
              aria-label="Debt by team"
              className={classes.byTeam}
            >
              <TableHead>
                <TableRow>
                  <TableCell>Team</TableCell>
                  {DEBT_CATEGORIES.map(c => (
                    <TableCell key={c}>{c}</TableCell>
                  ))}
                  <TableCell>Open</TableCell>
                  <TableCell>Score</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {r.byTeam.map(t => (
                  <TableRow key={t.teamRef}>
                    <TableCell>
                      <DebtTeam teamRef={t.teamRef} />
                    </TableCell>
                    {DEBT_CATEGORIES.map(c => (
                      <TableCell key={c}>{t.byCategory[c] || ''}</TableCell>
                    ))}
                    <TableCell>{t.open}</TableCell>
                    <TableCell>{t.score}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </ReadableTable>
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={6}>
        <InfoCard title="Top items by priority">
          <ItemList items={r.top} label="Top debt items" />
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={6}>
        <InfoCard title="Quick wins" subheader="Score 30+ with effort XS or S">
          <ItemList items={r.quickWins} label="Quick wins" />
        </InfoCard>
      </Grid>
      {/* Full width below 1280 px: five table columns do not fit half. */}
      <Grid item xs={12} lg={6}>
        <InfoCard title="Resolved per quarter">
          <ReadableTable>
            <Table size="small" aria-label="Resolved per quarter">
              <TableHead>
                <TableRow>
                  <TableCell>Quarter</TableCell>
                  <TableCell>Open in the quarter</TableCell>
                  <TableCell>Resolved</TableCell>
                  <TableCell>Share</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {r.resolution.map(q => (
                  <TableRow key={q.quarter}>
                    <TableCell>{q.quarter}</TableCell>
                    <TableCell>{q.open}</TableCell>
                    <TableCell>{q.resolved}</TableCell>
                    <TableCell>{q.share} %</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </ReadableTable>
        </InfoCard>
      </Grid>
      <Grid item xs={12} lg={6}>
        <DebtNextToDelivery byTeam={r.byTeam} />
      </Grid>
    </Grid>
  );
}
