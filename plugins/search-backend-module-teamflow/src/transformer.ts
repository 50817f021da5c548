import { isGroupEntity, isUserEntity } from '@backstage/catalog-model';
import {
  CatalogCollatorEntityTransformer,
  defaultCatalogCollatorEntityTransformer,
} from '@backstage/plugin-search-backend-module-catalog';
import {
  getTeamType,
  getValueStream,
  teamTypeTitle,
  valueStreamTitle,
} from '@teamflow/plugin-teamflow-common';
import { ownerOf } from '@teamflow/plugin-teamflow-node';

/**
 * The field holding the names a team or a person is searched by (their
 * title, entity name and display name). Every document has it, empty but
 * for teams and people: Lunr takes an index's fields from its first document.
 *
 * @public
 */
export const NAMES_FIELD = 'names';

/**
 * Catalog entities shaped into search documents that read well in a result
 * list:
 * - a team's text starts with its Team Topologies type and value stream
 *   ("Stream-aligned team in Shopping"), so both can be searched;
 * - a display name equal to the title is not appended again (Backstage's
 *   default ends a team's text with ": Checkout");
 * - `owner` is the owner's ref as every Teamflow backend reads it (the
 *   catalog's `ownedBy` relation), turned into a name by
 *   {@link OwnerNamesDecorator} before indexing;
 * - teams and people carry the names they are searched by in
 *   {@link NAMES_FIELD}, which the names-first ranking boosts.
 *
 * @public
 */
export const teamflowCatalogCollatorEntityTransformer: CatalogCollatorEntityTransformer =
  entity => {
    const base = defaultCatalogCollatorEntityTransformer(entity);
    const isPerson = isUserEntity(entity) || isGroupEntity(entity);
    const displayName = isPerson
      ? (entity.spec?.profile?.displayName as string | undefined)
      : undefined;
    const parts: string[] = [];
    const teamType = getTeamType(entity);
    if (teamType && teamType !== 'undeclared') {
      const stream = getValueStream(entity);
      parts.push(
        `${teamTypeTitle(teamType)} team${
          stream ? ` in ${valueStreamTitle(stream)}` : ''
        }`,
      );
    }
    if (entity.metadata.description) parts.push(entity.metadata.description);
    if (displayName && displayName !== base.title) parts.push(displayName);
    if (isUserEntity(entity) && entity.spec?.profile?.email) {
      parts.push(entity.spec.profile.email);
    }
    const names = isPerson
      ? [
          ...new Set([base.title, entity.metadata.name, displayName ?? '']),
        ].filter(Boolean)
      : [];
    return {
      ...base,
      text: parts.join(' · '),
      owner: ownerOf(entity) ?? '',
      [NAMES_FIELD]: names.join(' '),
    };
  };
