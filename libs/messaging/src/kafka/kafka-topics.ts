// Topic creation that tolerates a broker still spreading fresh metadata (KRaft answers "does not host
// this topic-partition" for a moment after creating one; kafkajs's waitForLeaders does not retry that).
import type { Admin } from 'kafkajs';

export interface TopicSpec { topic: string; numPartitions: number }

/** Creates the topics that do not exist yet and waits until every partition has a leader. */
export async function ensureTopics(admin: Admin, topics: TopicSpec[], timeoutMs = 60_000): Promise<string[]> {
  const unique = topics.filter((t, i) => topics.findIndex((o) => o.topic === t.topic) === i);
  const existing = new Set(await admin.listTopics());
  const missing = unique.filter((t) => !existing.has(t.topic));
  if (missing.length > 0) {
    // Resolves false when another process created them first: as good.
    await admin.createTopics({ waitForLeaders: false, topics: missing });
  }
  const names = unique.map((t) => t.topic);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const { topics: metadata } = await admin.fetchTopicMetadata({ topics: names });
      if (metadata.length === names.length && metadata.every((t) => t.partitions.length > 0 && t.partitions.every((p) => p.leader >= 0))) {
        // Listing offsets asks each partition's leader, which fails until it really hosts the
        // partition: a producer retry before that point can store a batch twice.
        for (const { topic } of missing) await admin.fetchTopicOffsets(topic);
        return missing.map((t) => t.topic);
      }
    } catch (error) {
      if (Date.now() > deadline) throw error;
    }
    if (Date.now() > deadline) throw new Error(`topics ${names.join(', ')} have no leader after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
