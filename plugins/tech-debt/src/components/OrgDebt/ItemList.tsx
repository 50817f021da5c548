import { List, ListItem, ListItemText, Typography } from '@material-ui/core';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { DebtItemView } from '../../api/TechDebtApi';

/** A short list of items with their entity and score. */
export function ItemList(props: { items: DebtItemView[]; label: string }) {
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
