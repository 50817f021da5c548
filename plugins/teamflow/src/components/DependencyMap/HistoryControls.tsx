import { useState } from 'react';
import {
  FormControl,
  InputLabel,
  MenuItem,
  Select,
  Slider,
  Typography,
} from '@material-ui/core';
import { formatDay } from '@teamflow/plugin-teamflow-common';
import { useHistoryStyles } from './historyStyles';

/**
 * The map's date slider and "compare with": the days the organisation's
 * history has a snapshot of, and today's live map at the right end.
 */
export function HistoryControls(props: {
  days: string[];
  asOf?: string;
  compareWith?: string;
  onChange: (days: { asOf?: string; compareWith?: string }) => void;
}) {
  const classes = useHistoryStyles();
  const { days, asOf, compareWith, onChange } = props;
  // Positions: each day with history, then "now" (the live map).
  const index = asOf
    ? Math.max(
        0,
        days.findIndex(d => d >= asOf),
      )
    : days.length;
  // While dragging, only the label follows; the map loads on release.
  const [dragging, setDragging] = useState<number>();
  const label = (i: number) => (i >= days.length ? 'now' : formatDay(days[i]));
  const shownDay = asOf ?? days[days.length - 1];
  const earlier = days.filter(d => !shownDay || d < shownDay);
  return (
    <div className={classes.root} aria-label="Map history">
      <div className={classes.slider}>
        <Typography variant="body2" id="teamflow-map-asof">
          {(dragging ?? index) < days.length
            ? `The organisation as of ${label(dragging ?? index)}`
            : 'The organisation now (drag back in time)'}
        </Typography>
        <Slider
          aria-labelledby="teamflow-map-asof"
          value={dragging ?? index}
          min={0}
          max={days.length}
          step={1}
          marks={[
            { value: 0, label: label(0) },
            { value: days.length, label: 'now' },
          ]}
          valueLabelDisplay="off"
          getAriaValueText={label}
          onChange={(_, v) => setDragging(v as number)}
          onChangeCommitted={(_, v) => {
            const i = v as number;
            setDragging(undefined);
            if (i !== index)
              onChange({
                asOf: i >= days.length ? undefined : days[i],
                compareWith:
                  compareWith && i < days.length && compareWith >= days[i]
                    ? undefined
                    : compareWith,
              });
          }}
        />
      </div>
      <FormControl className={classes.select} size="small">
        <InputLabel id="teamflow-map-compare">Compare with</InputLabel>
        <Select
          labelId="teamflow-map-compare"
          value={compareWith ?? ''}
          onChange={e =>
            onChange({
              asOf,
              compareWith: (e.target.value as string) || undefined,
            })
          }
        >
          <MenuItem value="">Nothing</MenuItem>
          {[...earlier].reverse().map(d => (
            <MenuItem key={d} value={d}>
              {formatDay(d)}
            </MenuItem>
          ))}
        </Select>
      </FormControl>
    </div>
  );
}
