import {
  Box,
  FormControl,
  InputLabel,
  MenuItem,
  Select,
} from '@material-ui/core';
import {
  DORA_REPORT_YEARS,
  DoraReportYear,
} from '@teamflow/plugin-delivery-common';

/** Window, environment and report year controls. */
export function FlowControls(props: {
  days: number;
  onDays: (d: number) => void;
  year: DoraReportYear;
  onYear: (y: DoraReportYear) => void;
  environment?: string;
  environments?: string[];
  onEnvironment?: (e: string) => void;
  children?: React.ReactNode;
}) {
  return (
    <Box
      display="flex"
      flexWrap="wrap"
      alignItems="center"
      style={{ gap: 16 }}
      mb={2}
    >
      <FormControl size="small" variant="outlined">
        <InputLabel id="flow-window-label">Window</InputLabel>
        <Select
          labelId="flow-window-label"
          id="flow-window"
          label="Window"
          value={props.days}
          onChange={e => props.onDays(Number(e.target.value))}
        >
          {[30, 90, 180].map(d => (
            <MenuItem key={d} value={d}>
              Last {d} days
            </MenuItem>
          ))}
        </Select>
      </FormControl>
      {props.environments && props.onEnvironment && (
        <FormControl size="small" variant="outlined">
          <InputLabel id="flow-env-label">Environment</InputLabel>
          <Select
            labelId="flow-env-label"
            id="flow-env"
            label="Environment"
            value={props.environment ?? ''}
            onChange={e => props.onEnvironment!(String(e.target.value))}
          >
            {[...new Set([props.environment ?? '', ...props.environments])]
              .filter(Boolean)
              .map(e => (
                <MenuItem key={e} value={e}>
                  {e}
                </MenuItem>
              ))}
          </Select>
        </FormControl>
      )}
      <FormControl size="small" variant="outlined">
        <InputLabel id="flow-year-label">DORA bands</InputLabel>
        <Select
          labelId="flow-year-label"
          id="flow-year"
          label="DORA bands"
          value={props.year}
          onChange={e => props.onYear(Number(e.target.value) as DoraReportYear)}
        >
          {DORA_REPORT_YEARS.map(y => (
            <MenuItem key={y} value={y}>
              {y} report
            </MenuItem>
          ))}
        </Select>
      </FormControl>
      {props.children}
    </Box>
  );
}
