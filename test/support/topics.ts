// The four topics of one test (or test process) on the shared broker, named from one prefix.
// No vitest import: worker processes spawned by the e2e tests use it too.
import type { MessagingTopics } from '@offramp/messaging';

export function topicsFor(prefix: string): MessagingTopics {
  return { signals: `${prefix}.signals`, commands: `${prefix}.commands`, events: `${prefix}.events`, deadLetter: `${prefix}.dead-letter` };
}
