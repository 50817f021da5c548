import {
  Entity,
  isGroupEntity,
  isUserEntity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
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

/**
 * The field holding the names a team or a person is searched by (their
 * title, entity name and display name); empty on every other document.
 *
 * @public
 */
export const NAMES_FIELD = 'names';

function ownerRef(entity: Entity): string {
  const owner = (entity.spec as { owner?: unknown } | undefined)?.owner;
  if (typeof owner !== 'string' || !owner.trim()) return '';
  try {
    return stringifyEntityRef(
      parseEntityRef(owner, {
        defaultKind: 'group',
        defaultNamespace: entity.metadata.namespace ?? 'default',
      }),
    );
  } catch {
    return owner;
  }
}

/**
 * Catalog entities shaped into search documents that read well in a result
 * list:
 * - a team's text starts with its Team Topologies type and value stream
 *   ("Stream-aligned team in Shopping"), so both can be searched;
 * - a display name equal to the title is not appended again (Backstage's
 *   default ends a team's text with ": Checkout");
 * - `owner` is the owner's full entity ref, turned into a name by
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
      owner: ownerRef(entity),
      [NAMES_FIELD]: names.join(' '),
    };
  };
