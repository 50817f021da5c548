import { ReactNode } from 'react';
import {
  createBaseThemeOptions,
  createUnifiedTheme,
  defaultComponentThemes,
  palettes,
  UnifiedThemeProvider,
} from '@backstage/theme';
import LightIcon from '@material-ui/icons/WbSunny';
import DarkIcon from '@material-ui/icons/Brightness2';

/**
 * Backstage's themes with one change: table cells break between words only.
 * The default theme sets `word-break: break-word` on every cell, which lets an
 * auto-sized column shrink until names stack one letter a line ("checko
 * ut-service") on a 1024 px screen; with it off, a column is at least as wide
 * as its longest word and the table scrolls sideways instead.
 */
const tableCell = {
  ...defaultComponentThemes?.MuiTableCell,
  styleOverrides: {
    ...(defaultComponentThemes?.MuiTableCell?.styleOverrides as object),
    root: (args: any) => ({
      ...((defaultComponentThemes?.MuiTableCell?.styleOverrides as any)?.root?.(
        args,
      ) ?? {}),
      wordBreak: 'normal',
      overflowWrap: 'normal',
    }),
    head: (args: any) => ({
      ...((defaultComponentThemes?.MuiTableCell?.styleOverrides as any)?.head?.(
        args,
      ) ?? {}),
      wordBreak: 'normal',
      overflowWrap: 'normal',
    }),
  },
};

/**
 * Search results: Backstage's catalog result sets `word-break: break-all` on
 * the title and text, so a line may end in the middle of "checkout-service";
 * break between words, and inside one only when it cannot fit a line at all.
 */
const searchResultItem = {
  styleOverrides: {
    itemText: { wordBreak: 'normal', overflowWrap: 'break-word' },
  },
};

const make = (mode: 'light' | 'dark') =>
  createUnifiedTheme({
    ...createBaseThemeOptions({ palette: palettes[mode] }),
    components: {
      ...defaultComponentThemes,
      MuiTableCell: tableCell,
      // A makeStyles name (v4 `overrides`), which the unified theme passes on.
      ...({ CatalogSearchResultListItem: searchResultItem } as object),
    },
  });

const light = make('light');
const dark = make('dark');

export const teamflowThemes = [
  {
    id: 'light',
    title: 'Light',
    variant: 'light' as const,
    icon: <LightIcon />,
    Provider: ({ children }: { children: ReactNode }) => (
      <UnifiedThemeProvider theme={light} children={children} />
    ),
  },
  {
    id: 'dark',
    title: 'Dark',
    variant: 'dark' as const,
    icon: <DarkIcon />,
    Provider: ({ children }: { children: ReactNode }) => (
      <UnifiedThemeProvider theme={dark} children={children} />
    ),
  },
];
