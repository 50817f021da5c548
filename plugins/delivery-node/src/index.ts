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
  ingest(events: SourcedEvent[]): Promise<IngestResult>;
  getState<T>(key: string): Promise<T | undefined>;
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
  connect(sink: DeliveryEventSink): Promise<void>;
}

/** @public */
export interface DeliverySourcesExtensionPoint {
  addSource(source: DeliveryEventSource): void;
}

/** @public */
export const deliverySourcesExtensionPoint =
  createExtensionPoint<DeliverySourcesExtensionPoint>({
    id: 'delivery.sources',
  });
export * from './validation';
export * from './github';
