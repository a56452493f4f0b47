import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Topic } from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';

/**
 * An SNS topic encrypted with a key of its own that the one service publishing to it may use
 * (CloudWatch for alarms, SES for bounces): messages name functions, queues or addresses only, but
 * nothing leaves unencrypted. The key goes with the topic.
 */
export function encryptedTopic(
  scope: Construct,
  ids: { readonly key: string; readonly topic: string },
  props: { readonly description: string; readonly displayName: string; readonly publisher: string },
): Topic {
  const key = new Key(scope, ids.key, {
    description: props.description,
    enableKeyRotation: true,
    removalPolicy: RemovalPolicy.DESTROY,
    pendingWindow: Duration.days(7),
  });
  key.grant(new ServicePrincipal(props.publisher), 'kms:Decrypt', 'kms:GenerateDataKey*');
  return new Topic(scope, ids.topic, { displayName: props.displayName, masterKey: key, enforceSSL: true });
}
