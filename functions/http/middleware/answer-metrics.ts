import type { Metrics } from '@aws-lambda-powertools/metrics';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { APIGatewayProxyEventV2, APIGatewayProxyResultV2, Context } from 'aws-lambda';

type HttpHandler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyResultV2>;

/**
 * Counts what a function answered, by kind (`CommandsAnswered`, `CommandsRefused` for a 4xx,
 * `CommandsFailed` for a 5xx; likewise `Queries…`), and flushes the invocation's metrics as one EMF
 * line: refusals per minute is the business signal a dashboard shows beside the API's own counts.
 */
export function countedAnswers(
  handler: HttpHandler,
  metrics: Metrics,
  prefix: 'Commands' | 'Queries',
): HttpHandler {
  return async (event, context) => {
    let status = 500;
    try {
      const answer = await handler(event, context);
      status = typeof answer === 'object' ? (answer.statusCode ?? 200) : 200;
      return answer;
    } finally {
      metrics.addMetric(
        `${prefix}${status < 400 ? 'Answered' : status < 500 ? 'Refused' : 'Failed'}`,
        MetricUnit.Count,
        1,
      );
      metrics.publishStoredMetrics();
    }
  };
}
