export { OverviewView } from './OverviewView';
export type { OverviewSlots } from './OverviewView';
