export { DependencyMapView } from './DependencyMapView';
