import { AuthService } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { DecoratorBase } from '@backstage/plugin-search-backend-node';
import {
  DocumentDecoratorFactory,
  IndexableDocument,
} from '@backstage/plugin-search-common';
import { refName } from '@teamflow/plugin-teamflow-common';
import { refOf } from '@teamflow/plugin-teamflow-node';

/**
 * Owner refs (`group:default/checkout`) to the names people know them by.
 *
 * @public
 */
export type OwnerNames = ReadonlyMap<string, string>;

/**
 * Reads every group's and user's name once per indexing run.
 *
 * @public
 */
export async function readOwnerNames(
  catalog: CatalogService,
  auth: AuthService,
): Promise<OwnerNames> {
  const { items } = await catalog.getEntities(
    {
      filter: [{ kind: 'group' }, { kind: 'user' }],
      fields: [
        'kind',
        'metadata.name',
        'metadata.namespace',
        'metadata.title',
        'spec.profile.displayName',
      ],
    },
    { credentials: await auth.getOwnServiceCredentials() },
  );
  const names = new Map<string, string>();
  for (const entity of items) {
    const display = (
      entity.spec as { profile?: { displayName?: string } } | undefined
    )?.profile?.displayName;
    names.set(
      refOf(entity),
      entity.metadata.title ?? display ?? entity.metadata.name,
    );
  }
  return names;
}

/**
 * The name shown for an owner ref: the owner's title, else the ref's name
 * part (an owner missing from the catalog still reads as a name).
 */
export function ownerName(owner: string, names: OwnerNames): string {
  return owner && (names.get(owner) ?? refName(owner));
}

/**
 * Replaces each catalog document's owner ref with the owner's name, so a
 * search result reads "Owner: Checkout", not "Owner: checkout" or a ref.
 *
 * @public
 */
export class OwnerNamesDecorator extends DecoratorBase {
  private names: OwnerNames = new Map();

  constructor(private readonly load: () => Promise<OwnerNames>) {
    super();
  }

  /** Reads every group's name and title once per indexing run. */
  async initialize(): Promise<void> {
    this.names = await this.load();
  }

  /** Replaces a catalog document's owner ref with the owner's name. */
  async decorate(document: IndexableDocument): Promise<IndexableDocument> {
    const owner = (document as { owner?: unknown }).owner;
    if (typeof owner !== 'string' || !owner) return document;
    return {
      ...document,
      owner: ownerName(owner, this.names),
    } as IndexableDocument;
  }

  /** Nothing to release: the names are dropped with the decorator. */
  async finalize(): Promise<void> {}
}

/**
 * The decorator factory for the catalog's document type.
 *
 * @public
 */
export function ownerNamesDecoratorFactory(
  load: () => Promise<OwnerNames>,
): DocumentDecoratorFactory {
  return {
    types: ['software-catalog'],
    getDecorator: async () => new OwnerNamesDecorator(load),
  };
}
