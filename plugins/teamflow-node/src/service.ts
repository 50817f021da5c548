import {
  AuthService,
  coreServices,
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import {
  CatalogService,
  catalogServiceRef,
} from '@backstage/plugin-catalog-node';
import { ORG_MODEL_FIELDS, OWNED_KINDS, OrgModel } from './org';

/**
 * The organisation model, read from the catalog at most once per `maxAgeMs`
 * and shared: every plugin of a backend that asks gets the same model.
 *
 * @public
 */
export interface OrgModelService {
  /**
   * The model, read again when older than the service's maximum age (or
   * than `maxAgeMs`: 0 reads the catalog now, and every plugin sees it).
   */
  current(options?: { maxAgeMs?: number }): Promise<OrgModel>;
}

/** One model per backend: the cache every plugin's service reads. */
class OrgModelCache {
  private entry?: { at: number; model: Promise<OrgModel> };

  constructor(
    private readonly maxAgeMs: number,
    private readonly now: () => number,
  ) {}

  get(
    load: () => Promise<OrgModel>,
    maxAgeMs = this.maxAgeMs,
  ): Promise<OrgModel> {
    if (!this.entry || this.now() - this.entry.at > maxAgeMs) {
      const model = load();
      const entry = { at: this.now(), model };
      this.entry = entry;
      model.catch(() => {
        if (this.entry === entry) this.entry = undefined;
      });
    }
    return this.entry.model;
  }
}

async function readCatalog(
  catalog: CatalogService,
  auth: AuthService,
  now: () => number,
) {
  const at = now();
  const { items } = await catalog.getEntities(
    {
      filter: [{ kind: 'group' }, { kind: OWNED_KINDS }],
      fields: ORG_MODEL_FIELDS,
    },
    { credentials: await auth.getOwnServiceCredentials() },
  );
  return OrgModel.fromEntities(items, at);
}

/**
 * An organisation model service outside a backend (tests, benchmarks, and
 * plugins constructed by hand): its own cache over this catalog.
 *
 * @public
 */
export function orgModelFromCatalog(options: {
  catalog: CatalogService;
  auth: AuthService;
  maxAgeMs?: number;
  now?: () => number;
}): OrgModelService {
  const now = options.now ?? Date.now;
  const cache = new OrgModelCache(options.maxAgeMs ?? 60_000, now);
  return {
    current: o =>
      cache.get(
        () => readCatalog(options.catalog, options.auth, now),
        o?.maxAgeMs,
      ),
  };
}

/**
 * The organisation model every Teamflow backend plugin shares. The default
 * factory keeps one model per backend (read with the asking plugin's
 * catalog client and service credentials, at most once a minute).
 *
 * @public
 */
export const orgModelServiceRef = createServiceRef<OrgModelService>({
  id: 'teamflow.org-model',
  scope: 'plugin',
  defaultFactory: async service =>
    createServiceFactory({
      service,
      deps: { catalog: catalogServiceRef, auth: coreServices.auth },
      createRootContext: () => new OrgModelCache(60_000, Date.now),
      factory: ({ catalog, auth }, cache) => ({
        current: o =>
          cache.get(() => readCatalog(catalog, auth, Date.now), o?.maxAgeMs),
      }),
    }),
});
