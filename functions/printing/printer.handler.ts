import { annotateInvocation } from '../adapters/tracing.js';
import type { PrinterAnswer } from '../app/printer.js';
import { MetricUnit, metricsFor } from '../composition/observability.js';
import { type Config, loadConfig } from '../config.js';
import { pdfPrinter } from './pdf-printer.js';
import { answerPrintRequest } from './printing-answers.js';

/**
 * Builds this entry's handler. The printer touches no table and no key: it turns `{ print: Printable }`
 * into `{ ok: true, pdf: <base64> }` or `{ ok: false, refusal }`, and counts what it printed
 * (`DocumentsPrinted`, `DocumentsRefused`, `PrintMs`).
 */
export const create = (config: Config = loadConfig(), _overrides?: unknown) => {
  const metrics = metricsFor(config);
  return async (event: unknown): Promise<PrinterAnswer> => {
    annotateInvocation();
    const started = Date.now();
    const answer = await answerPrintRequest(pdfPrinter, event);
    metrics.addMetric(answer.ok ? 'DocumentsPrinted' : 'DocumentsRefused', MetricUnit.Count, 1);
    metrics.addMetric('PrintMs', MetricUnit.Milliseconds, Date.now() - started);
    metrics.publishStoredMetrics();
    return answer;
  };
};

/** Lambda entry point: invoked synchronously by the queries function (and the local runtime in process). */
export const handler = create(loadConfig());
