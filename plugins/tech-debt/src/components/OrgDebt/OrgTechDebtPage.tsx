import {
  Grid,
  List,
  ListItem,
  ListItemText,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
  makeStyles,
} from '@material-ui/core';
import useAsync from 'react-use/esm/useAsync';
import {
  Content,
  Header,
  InfoCard,
  Page,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { DEBT_CATEGORIES } from '@teamflow/plugin-tech-debt-common';
import {
  DebtItemView,
  OrgDebtRollup,
  techDebtApiRef,
} from '../../api/TechDebtApi';
import { CategoryBars, TrendLine } from '../charts';
import { DebtNextToDelivery } from './DebtNextToDelivery';
import { DebtTeam } from './DebtTeam';
import { ReadableTable } from '../ReadableTable';

const useStyles = makeStyles(
  theme => ({
    // Nine columns in two thirds of a 1280 px page: narrower cells.
    byTeam: { '& th, & td': { padding: theme.spacing(0.75, 1) } },
  }),
  { name: 'TeamflowOrgDebt' },
);

function ItemList(props: { items: DebtItemView[]; label: string }) {
  if (props.items.length === 0)
    return <Typography variant="body2">None.</Typography>;
  return (
    <List dense aria-label={props.label}>
      {props.items.map(i => (
        <ListItem key={i.id} disableGutters divider>
          {/* Wrapped, not cut off: the score ends the line. */}
          <ListItemText
            style={{ whiteSpace: 'normal' }}
            primary={`${i.title} — score ${i.score}`}
            secondary={
              <>
                <EntityRefLink entityRef={i.entityRef} /> · {i.category} ·
                impact {i.impact} · effort {i.effort} ·{' '}
                {i.interestHoursPerMonth} h/month
              </>
            }
          />
        </ListItem>
      ))}
    </List>
  );
}

/** The organisation's debt for the CTO: by team and category, priorities, trend, resolution. */
export function OrgTechDebtView(props: { rollup: OrgDebtRollup }) {
  const r = props.rollup;
  const classes = useStyles();
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

/** The org page. */
export function OrgTechDebtPage() {
  const api = useApi(techDebtApiRef);
  const { value, loading, error } = useAsync(() => api.getOrgRollup(), [api]);
  return (
    <Page themeId="tool">
      <Header
        title="Technical debt"
        subtitle="What the organisation owes its own software, by team and category, and what to pay back first"
      />
      <Content>
        {loading && <Progress />}
        {error && <ResponseErrorPanel error={error} />}
        {value && <OrgTechDebtView rollup={value} />}
      </Content>
    </Page>
  );
}

/** For the CTO overview: open debt, its trend and the teams carrying most. */
export function TechDebtOverviewCard() {
  const api = useApi(techDebtApiRef);
  const { value, loading, error } = useAsync(() => api.getOrgRollup(), [api]);
  let body;
  if (loading) body = <Progress />;
  else if (error) body = <ResponseErrorPanel error={error} />;
  else {
    body = (
      <>
        <Typography variant="body2">
          {value!.open} open items, score {value!.score};{' '}
          {value!.quickWins.length} quick wins.
        </Typography>
        <TrendLine trend={value!.trend} label="Open debt of the organisation" />
        <List dense aria-label="Teams with most debt">
          {value!.byTeam.slice(0, 3).map(t => (
            <ListItem key={t.teamRef} disableGutters>
              <ListItemText
                primary={
                  <>
                    <DebtTeam teamRef={t.teamRef} />: {t.open} open, score{' '}
                    {t.score}
                  </>
                }
              />
            </ListItem>
          ))}
        </List>
      </>
    );
  }
  return (
    <InfoCard
      title="Technical debt"
      deepLink={{ title: 'Debt by team', link: '/tech-debt' }}
    >
      {body}
    </InfoCard>
  );
}
