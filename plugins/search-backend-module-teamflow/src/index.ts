/**
 * Teamflow's search module: catalog search documents that name owners and
 * team types, and teams and people first when a search names them.
 *
 * @packageDocumentation
 */
export { searchModuleTeamflow as default } from './module';
export {
  teamflowCatalogCollatorEntityTransformer,
  NAMES_FIELD,
} from './transformer';
export {
  NamesFirstLunrSearchEngine,
  FIELD_BOOSTS,
} from './NamesFirstLunrSearchEngine';
export {
  OwnerNamesDecorator,
  ownerNamesDecoratorFactory,
  readOwnerNames,
  type OwnerNames,
} from './OwnerNamesDecorator';
