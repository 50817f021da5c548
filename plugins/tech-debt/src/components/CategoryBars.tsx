import { Box, Tooltip, Typography } from '@material-ui/core';
import { DEBT_CATEGORIES } from '@teamflow/plugin-tech-debt-common';
import { CategorySums } from '../api/TechDebtApi';

const COLOURS: Record<string, string> = {
  code: '#90caf9',
  architecture: '#ef9a9a',
  test: '#a5d6a7',
  infrastructure: '#ffcc80',
  dependency: '#ce93d8',
  documentation: '#b0bec5',
};

/** Open items by category as one stacked bar with a legend. */
export function CategoryBars(props: { byCategory: CategorySums }) {
  const total = DEBT_CATEGORIES.reduce(
    (s, c) => s + (props.byCategory[c]?.open ?? 0),
    0,
  );
  if (total === 0) return null;
  return (
    <Box my={1}>
      <Box
        display="flex"
        height={18}
        borderRadius={4}
        overflow="hidden"
        role="img"
        aria-label={`Open items by category: ${DEBT_CATEGORIES.map(
          c => `${props.byCategory[c]?.open ?? 0} ${c}`,
        ).join(', ')}`}
      >
        {DEBT_CATEGORIES.filter(c => props.byCategory[c]?.open).map(c => (
          <Tooltip key={c} title={`${props.byCategory[c].open} ${c}`}>
            <div
              style={{ flex: props.byCategory[c].open, background: COLOURS[c] }}
            />
          </Tooltip>
        ))}
      </Box>
      <Box display="flex" flexWrap="wrap" style={{ gap: 10 }}>
        {DEBT_CATEGORIES.filter(c => props.byCategory[c]?.open).map(c => (
          <Typography key={c} variant="caption">
            <span
              style={{
                display: 'inline-block',
                width: 10,
                height: 10,
                background: COLOURS[c],
                marginRight: 4,
              }}
            />
            {c}: {props.byCategory[c].open}
          </Typography>
        ))}
      </Box>
    </Box>
  );
}
