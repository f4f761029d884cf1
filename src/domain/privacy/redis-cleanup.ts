import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';

/**
 * Removes every trace of some ids (visitors, conversations) from Redis (issue 22, erase and retention):
 * keys whose name contains one (visitor sockets, offers, "tried" sets, rate-limit buckets), and members
 * or fields equal to one in the workspace's hashes, sets and sorted sets (assignments, queue entries,
 * pool, agents' chats). BullMQ jobs whose id names one are removed through BullMQ (never by deleting its
 * keys). One SCAN pass over the install's keys: erase is rare, retention runs in the background.
 */
export async function purgeRedis(redis: Redis, prefix: string, workspaceId: string, ids: string[]): Promise<{ keys: number; members: number; jobs: number }> {
  const wanted = ids.filter(Boolean);
  if (!wanted.length) return { keys: 0, members: 0, jobs: 0 };
  const pattern = new RegExp(wanted.map((id) => id.replace(/[^0-9a-f-]/gi, '')).join('|'), 'i');
  const bullPrefix = `${prefix}:bull:`;
  const workspaceKeys = [`${prefix}:{ws:${workspaceId}}:`, `${prefix}:ws:${workspaceId}:`];
  const doomed: string[] = [];
  const jobs = new Map<string, Set<string>>();
  const containers: string[] = [];
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    cursor = next;
    for (const key of keys) {
      if (key.startsWith(bullPrefix)) {
        // <prefix>:bull:<queue>:<jobId> is a job's hash; its id names a conversation or visitor.
        const [queue, ...rest] = key.slice(bullPrefix.length).split(':');
        const jobId = rest.join(':');
        if (jobId && pattern.test(jobId) && !/:(logs|lock)$/.test(jobId)) jobs.set(queue, (jobs.get(queue) ?? new Set()).add(jobId));
        continue;
      }
      if (pattern.test(key)) doomed.push(key);
      else if (workspaceKeys.some((p) => key.startsWith(p))) containers.push(key);
    }
  } while (cursor !== '0');

  if (doomed.length) for (let i = 0; i < doomed.length; i += 500) await redis.del(...doomed.slice(i, i + 500));
  let members = 0;
  for (const key of containers) {
    const type = await redis.type(key);
    if (type === 'hash') members += await redis.hdel(key, ...wanted);
    else if (type === 'set') members += await redis.srem(key, ...wanted);
    else if (type === 'zset') members += await redis.zrem(key, ...wanted);
  }
  let removedJobs = 0;
  for (const [name, jobIds] of jobs) {
    const queue = new Queue(name, { connection: redis, prefix: `${prefix}:bull` });
    try {
      for (const jobId of jobIds) removedJobs += await queue.remove(jobId).catch(() => 0);
    } finally {
      await queue.close();
    }
  }
  return { keys: doomed.length, members, jobs: removedJobs };
}
