import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { LoggerService } from '@backstage/backend-plugin-api';
import {
  CollectedSignal,
  DebtSignalProvider,
} from '@teamflow/plugin-tech-debt-node';

/** The annotation Backstage's SonarQube plugin uses: `[instance/]projectKey`. @public */
export const SONARQUBE_PROJECT_KEY_ANNOTATION = 'sonarqube.org/project-key';

const METRICS = ['sqale_index', 'sqale_debt_ratio', 'sqale_rating'];
const RATINGS = ['A', 'B', 'C', 'D', 'E'];

/** "2 d 3 h" for SonarQube's debt minutes (8-hour days, as SonarQube counts them). @public */
export function formatDebtMinutes(minutes: number) {
  const days = Math.floor(minutes / 480);
  const hours = Math.floor((minutes % 480) / 60);
  const mins = minutes % 60;
  const parts = [
    days && `${days} d`,
    hours && `${hours} h`,
    !days && mins && `${mins} min`,
  ];
  return parts.filter(Boolean).join(' ') || '0 min';
}

/**
 * Reads technical debt (`sqale_index`, minutes), debt ratio and
 * maintainability rating per project from SonarQube's Web API
 * (`GET /api/measures/component`), for entities annotated
 * `sonarqube.org/project-key`.
 *
 * @public
 */
export class SonarQubeSignalProvider implements DebtSignalProvider {
  /** The signals' source id. */
  readonly id = 'sonarqube';

  constructor(
    private readonly options: {
      baseUrl: string;
      apiKey?: string;
      logger: LoggerService;
      fetch?: typeof fetch;
    },
  ) {}

  private async measures(projectKey: string) {
    const url = new URL(
      `${this.options.baseUrl.replace(/\/$/, '')}/api/measures/component`,
    );
    url.searchParams.set('component', projectKey);
    url.searchParams.set('metricKeys', METRICS.join(','));
    const response = await (this.options.fetch ?? fetch)(url, {
      headers: this.options.apiKey
        ? {
            // SonarQube tokens go as the user name of HTTP basic auth.
            Authorization: `Basic ${Buffer.from(
              `${this.options.apiKey}:`,
            ).toString('base64')}`,
          }
        : {},
    });
    if (response.status === 404) return undefined;
    if (!response.ok) {
      throw new Error(
        `SonarQube answered ${
          response.status
        } for ${projectKey}: ${await response.text()}`,
      );
    }
    const body = (await response.json()) as {
      component?: { measures?: Array<{ metric: string; value?: string }> };
    };
    return Object.fromEntries(
      (body.component?.measures ?? []).map(m => [m.metric, Number(m.value)]),
    );
  }

  /**
   * Reads each annotated entity's debt, ratio and rating; entities without the annotation are
   * skipped.
   */
  async collect(entities: Entity[]): Promise<CollectedSignal[]> {
    const annotated = entities.filter(
      e => e.metadata.annotations?.[SONARQUBE_PROJECT_KEY_ANNOTATION],
    );
    const signals: CollectedSignal[] = [];
    // A few at a time: a large catalog must not flood the server.
    for (let i = 0; i < annotated.length; i += 4) {
      await Promise.all(
        annotated.slice(i, i + 4).map(async entity => {
          const annotation =
            entity.metadata.annotations![SONARQUBE_PROJECT_KEY_ANNOTATION];
          const projectKey = annotation.includes('/')
            ? annotation.slice(annotation.indexOf('/') + 1)
            : annotation;
          const m = await this.measures(projectKey);
          if (!m) {
            this.options.logger.warn(
              `SonarQube has no project ${projectKey} (${stringifyEntityRef(
                entity,
              )})`,
            );
            return;
          }
          const minutes = m.sqale_index ?? 0;
          const rating = RATINGS[Math.round(m.sqale_rating ?? 1) - 1] ?? '?';
          signals.push({
            entityRef: stringifyEntityRef(entity),
            kind: 'sonarqube-debt',
            title: `SonarQube: ${formatDebtMinutes(
              minutes,
            )} of technical debt, debt ratio ${
              m.sqale_debt_ratio ?? 0
            }%, maintainability ${rating}`,
            details: {
              projectKey,
              debtMinutes: minutes,
              debtRatio: m.sqale_debt_ratio ?? 0,
              maintainabilityRating: rating,
            },
          });
        }),
      );
    }
    return signals;
  }
}
