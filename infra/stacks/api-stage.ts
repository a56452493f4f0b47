import { RemovalPolicy } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { type HttpApi, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { StageConfig } from '../stage-config.js';

/** The `$default` stage: deployed on every change, throttled as the stage says, one JSON access-log line a request. */
export function addDefaultStage(api: HttpApi, config: StageConfig, retention: RetentionDays): void {
  const accessLogs = new LogGroup(api.stack, 'ApiAccessLogs', {
    retention,
    removalPolicy: RemovalPolicy.DESTROY,
  });
  api.addStage('DefaultStage', {
    stageName: '$default',
    autoDeploy: true,
    throttle: config.throttle,
    accessLogSettings: {
      destination: new LogGroupLogDestination(accessLogs),
      format: AccessLogFormat.custom(
        JSON.stringify({
          requestId: '$context.requestId',
          time: '$context.requestTime',
          route: '$context.routeKey',
          status: '$context.status',
          latencyMs: '$context.responseLatency',
          integrationLatencyMs: '$context.integrationLatency',
          responseBytes: '$context.responseLength',
          sourceIp: '$context.identity.sourceIp',
          sub: '$context.authorizer.claims.sub',
          error: '$context.error.message',
          authorizerError: '$context.authorizer.error',
        }),
      ),
    },
  });
}
