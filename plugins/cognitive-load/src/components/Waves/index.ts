export { WavesView } from './WavesView';
