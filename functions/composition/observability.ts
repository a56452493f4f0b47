import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Config } from '../config.js';

/** The CloudWatch namespace of the ledger's business metrics (EMF lines in each function's log). */
export const METRICS_NAMESPACE = 'CommunityCultureLedger';

/**
 * A function's business metrics, flushed as EMF at the end of each invocation. Locally the runtime
 * sets POWERTOOLS_METRICS_DISABLED so `npm start` does not print them.
 */
export function metricsFor(config: Pick<Config, 'POWERTOOLS_SERVICE_NAME'>): Metrics {
  return new Metrics({ namespace: METRICS_NAMESPACE, serviceName: config.POWERTOOLS_SERVICE_NAME });
}

export { type Metrics, MetricUnit };
