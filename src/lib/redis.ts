import { Redis, type RedisOptions } from 'ioredis';
import { dependencyDown, dependencyUp } from './dependencies';

/** Counts connection losses (Prometheus `livechat_redis_reconnects_total`, see lib/metrics). */
export const redisEvents = { reconnects: 0 };

/**
 * Creates an ioredis client. Keys are namespaced explicitly through `RedisKeys` (not ioredis keyPrefix)
 * because BullMQ and pub/sub channels do not honour keyPrefix.
 *
 * ioredis reconnects by itself (and `maxRetriesPerRequest: null` keeps commands queued until it does, as
 * BullMQ requires); errors and reconnects are reported to the dependency state, which logs once per
 * outage. `duplicate()` copies get the same handling (ioredis does not copy listeners).
 */
export function createRedis(url: string, options: RedisOptions = {}): Redis {
  return watchRedis(new Redis(url, { maxRetriesPerRequest: null, enableReadyCheck: true, ...options }));
}

function watchRedis(client: Redis): Redis {
  client.on('error', (error) => dependencyDown('redis', error));
  client.on('ready', () => dependencyUp('redis'));
  client.on('reconnecting', () => {
    redisEvents.reconnects++;
  });
  const duplicate = client.duplicate.bind(client);
  client.duplicate = (override?: Partial<RedisOptions>) => watchRedis(duplicate(override));
  return client;
}

/** All Redis key names in one place (documented in docs/architecture.md). */
export class RedisKeys {
  constructor(readonly prefix: string) {}
  settingsChannel() {
    return `${this.prefix}:settings:changed`;
  }
  socketIoAdapter() {
    return `${this.prefix}:sio`;
  }
  bullPrefix() {
    return `${this.prefix}:bull`;
  }
  /** Hash: agent presence (status, limit, load, groups, lastAssignedAt). */
  agent(workspaceId: string, userId: string) {
    return `${this.prefix}:ws:${workspaceId}:agent:${userId}`;
  }
  /** Set of agent ids with presence in a workspace. */
  agents(workspaceId: string) {
    return `${this.prefix}:ws:${workspaceId}:agents`;
  }
  /** Hash: socket id -> node id, for one agent's live sockets. */
  agentSockets(workspaceId: string, userId: string) {
    return `${this.prefix}:ws:${workspaceId}:agent:${userId}:sockets`;
  }
  /** Set of conversation ids currently assigned to an agent (its load). */
  agentChats(workspaceId: string, userId: string) {
    return `${this.prefix}:ws:${workspaceId}:agent:${userId}:chats`;
  }
  /** Realtime node heartbeat key (expires when the node dies). */
  nodeHeartbeat(nodeId: string) {
    return `${this.prefix}:node:${nodeId}:alive`;
  }
  /** Set of "workspaceId:userId:socketId" held by a realtime node. */
  nodeSockets(nodeId: string) {
    return `${this.prefix}:node:${nodeId}:sockets`;
  }
  nodes() {
    return `${this.prefix}:nodes`;
  }
}
