/**
 * Extension point of the delivery backend: modules add sources of delivery
 * events (the GitHub backfill is one) and get a sink that files events into
 * the same ledger as the CDEvents API and the webhooks.
 *
 * @packageDocumentation
 */
import { createExtensionPoint } from '@backstage/backend-plugin-api';
import { IngestResult } from '@teamflow/plugin-delivery-common';
import { SourcedEvent } from './events';

export * from './events';

/**
 * What a source gets: ingest events (idempotent; the result reports
 * rejected events by index), and keep its own state (cursors, progress)
 * under keys of its choosing. Progress is shown to admins.
 *
 * @public
 */
export interface DeliveryEventSink {
  /**
   * Files events into the ledger; events already filed are duplicates, bad ones are rejected by
   * index.
   */
  ingest(events: SourcedEvent[]): Promise<IngestResult>;
  /** The state the source kept under a key, if any. */
  getState<T>(key: string): Promise<T | undefined>;
  /** Keeps the source's state under a key (replacing what was there). */
  setState(key: string, state: unknown): Promise<void>;
}

/**
 * A source of delivery events. The plugin calls `connect` once at start-up
 * with a sink bound to the source's id; the source schedules its own work
 * (through the scheduler service, so it runs once across replicas).
 *
 * @public
 */
export interface DeliveryEventSource {
  /** Stable id, stored as the events' source, e.g. `github-backfill`. */
  readonly id: string;
  /** Called once at start-up with the sink bound to the source's id. */
  connect(sink: DeliveryEventSink): Promise<void>;
}

/** Where backend modules add their sources of delivery events. @public */
export interface DeliverySourcesExtensionPoint {
  /** Adds a source; its id names the source of its events. */
  addSource(source: DeliveryEventSource): void;
}

/** The delivery backend's extension point for sources of delivery events. @public */
export const deliverySourcesExtensionPoint =
  createExtensionPoint<DeliverySourcesExtensionPoint>({
    id: 'delivery.sources',
  });
export * from './validation';
export * from './github';
