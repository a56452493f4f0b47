import type { Logger } from '@aws-lambda-powertools/logger';
import { busEntriesOf, busEventOf } from '../../functions/app/event-bus.js';
import { type CommitStreamHandler, createCommitBatchHandler } from '../../functions/streams/commit-stream.js';
import { busRules } from '../scheduled-work.js';
import type { LocalWorkQueues } from './work-queues.js';

const routed: ReadonlySet<string> = new Set(Object.values(busRules).flatMap((rule) => rule.detailTypes));

/**
 * The local stand-in for the bus's rules and their SQS targets: a consumer of the stream beside the
 * publisher, which puts each event a rule matches, as EventBridge would deliver it, on that rule's
 * local queue, and delivers the queue to its consumer (the mailer) before the batch counts as done.
 * Like EventBridge, at least once: a re-delivered commit routes its events again.
 */
export function localBusRules(queues: LocalWorkQueues, logger: Pick<Logger, 'error'>): CommitStreamHandler {
  return createCommitBatchHandler(
    'routing',
    async (commits) => {
      // Only the commits a rule wants are turned into bus entries (the rest are most of history).
      const events = commits
        .filter((commit) => commit.events.some((event) => routed.has(event.type)))
        .flatMap(busEntriesOf)
        .filter((entry) => routed.has(entry.detailType))
        .map(busEventOf);
      if (events.length > 0) {
        await queues.enqueue(events);
        await queues.drain();
      }
      return new Set<string>();
    },
    logger,
  );
}
