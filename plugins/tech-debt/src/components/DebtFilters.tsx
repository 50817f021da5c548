import { MenuItem, TextField } from '@material-ui/core';
import { sentenceCase } from '@teamflow/plugin-teamflow-common';
import {
  DEBT_CATEGORIES,
  DEBT_STATUSES,
} from '@teamflow/plugin-tech-debt-common';
import { DebtFilter } from '../lib/debtFilter';

/** Category and status selects for a register. */
export function DebtFilters(props: {
  filter: DebtFilter;
  onChange: (filter: DebtFilter) => void;
}) {
  const { filter, onChange } = props;
  return (
    <>
      <TextField
        id="debt-filter-category"
        select
        label="Category"
        value={filter.category}
        onChange={e =>
          onChange({ ...filter, category: String(e.target.value) })
        }
        style={{ minWidth: 160, marginRight: 16 }}
      >
        <MenuItem value="">All categories</MenuItem>
        {DEBT_CATEGORIES.map(c => (
          <MenuItem key={c} value={c}>
            {sentenceCase(c)}
          </MenuItem>
        ))}
      </TextField>
      <TextField
        id="debt-filter-status"
        select
        label="Status"
        value={filter.status}
        onChange={e => onChange({ ...filter, status: String(e.target.value) })}
        style={{ minWidth: 160 }}
      >
        <MenuItem value="unresolved">Not resolved</MenuItem>
        <MenuItem value="">All statuses</MenuItem>
        {DEBT_STATUSES.map(s => (
          <MenuItem key={s} value={s}>
            {sentenceCase(s)}
          </MenuItem>
        ))}
      </TextField>
    </>
  );
}
