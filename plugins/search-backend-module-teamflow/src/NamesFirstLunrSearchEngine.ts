import {
  BatchSearchEngineIndexer,
  LunrSearchEngine,
  LunrSearchEngineIndexer,
} from '@backstage/plugin-search-backend-node';
import { IndexableDocument } from '@backstage/plugin-search-common';
import lunr from 'lunr';
import { NAMES_FIELD } from './transformer';

/**
 * Index-time weights of the fields a query word is found in; every other
 * field weighs 1. Lunr scales each query's per-field vector to unit length,
 * so weights given at query time cancel out for a one-word search: only
 * index-time field weights change the order.
 *
 * @public
 */
export const FIELD_BOOSTS: Readonly<Record<string, number>> = {
  title: 3,
  [NAMES_FIELD]: 1.5,
};

/**
 * Backstage's Lunr indexer (same tokenizer, pipeline and document store),
 * with {@link FIELD_BOOSTS} applied to the fields.
 */
class WeightedLunrIndexer extends BatchSearchEngineIndexer {
  private schemaInitialized = false;
  private readonly builder = new lunr.Builder();
  private readonly docStore: Record<string, IndexableDocument> = {};

  constructor() {
    super({ batchSize: 1000 });
    // As Backstage's indexer: words split at anything but letters and digits.
    (this.builder.tokenizer as unknown as { separator: RegExp }).separator =
      /[^\p{L}\p{N}]+/u;
    this.builder.pipeline.add(lunr.trimmer, lunr.stopWordFilter, lunr.stemmer);
    this.builder.searchPipeline.add(lunr.stemmer);
    this.builder.metadataWhitelist = ['position'];
  }

  async initialize(): Promise<void> {}

  async finalize(): Promise<void> {}

  async index(documents: IndexableDocument[]): Promise<void> {
    if (!this.schemaInitialized) {
      for (const field of Object.keys(documents[0])) {
        const boost = FIELD_BOOSTS[field];
        this.builder.field(field, boost ? { boost } : undefined);
      }
      this.builder.ref('location');
      this.schemaInitialized = true;
    }
    for (const document of documents) {
      this.builder.add(document);
      this.docStore[document.location] = document;
    }
  }

  buildIndex(): lunr.Index {
    return this.builder.build();
  }

  getDocumentStore(): Record<string, IndexableDocument> {
    return this.docStore;
  }
}

/**
 * Backstage's built-in Lunr search engine, indexing titles and the names
 * teams and people are searched by with more weight ({@link FIELD_BOOSTS}).
 * Searching "Checkout" then lists the Checkout team before the Checkout
 * system, its components and everything it owns, all of which mention
 * "checkout" in their owner field. Queries and results are Backstage's own.
 *
 * @public
 */
export class NamesFirstLunrSearchEngine extends LunrSearchEngine {
  /** An indexer whose documents rank a match in the title above one in the text. */
  async getIndexer(type: string): Promise<LunrSearchEngineIndexer> {
    const indexer = new WeightedLunrIndexer();
    const logger = this.logger.child({ documentType: type });
    let failed: Error | undefined;
    indexer.on('error', (error: Error) => {
      failed = error;
    });
    indexer.on('close', () => {
      const documents = indexer.getDocumentStore();
      const count = Object.keys(documents).length;
      if (!failed && count > 0) {
        this.lunrIndices[type] = indexer.buildIndex();
        this.docStore = { ...this.docStore, ...documents };
      } else {
        logger.warn(
          `Index for ${type} was not ${
            this.lunrIndices[type] ? 'replaced' : 'created'
          }: ${failed ? 'an error was encountered' : 'no documents'}`,
        );
      }
    });
    // Same public surface as Backstage's indexer (a Writable that builds a
    // Lunr index on close); the engine only writes documents into it.
    return indexer as unknown as LunrSearchEngineIndexer;
  }
}
