/**
 * Extension point of the tech-debt backend: modules add sources of debt
 * signals (SonarQube is one).
 *
 * @packageDocumentation
 */
import { createExtensionPoint } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { DebtSignal } from '@teamflow/plugin-tech-debt-common';

/** A signal as a provider reports it; the plugin adds id and time. @public */
export type CollectedSignal = Omit<DebtSignal, 'id' | 'measuredAt' | 'source'>;

/**
 * A source of automatically measured debt. The plugin calls `collect` on a
 * schedule with the catalog's components, systems, resources and APIs, and
 * replaces the provider's earlier signals with what it returns.
 *
 * @public
 */
export interface DebtSignalProvider {
  /** Stable id, stored as the signals' source, e.g. `sonarqube`. */
  readonly id: string;
  /** Called on the plugin's schedule; what it returns replaces the provider's earlier signals. */
  collect(entities: Entity[]): Promise<CollectedSignal[]>;
}

/** Where backend modules add their providers of debt signals. @public */
export interface TechDebtSignalsExtensionPoint {
  /** Adds a provider; its id names the source of its signals. */
  addProvider(provider: DebtSignalProvider): void;
}

/** The tech-debt backend's extension point for providers of debt signals. @public */
export const techDebtSignalsExtensionPoint =
  createExtensionPoint<TechDebtSignalsExtensionPoint>({
    id: 'tech-debt.signals',
  });
