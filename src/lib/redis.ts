import { Redis, type RedisOptions } from 'ioredis';

/**
 * Creates an ioredis client. Keys are namespaced explicitly through `RedisKeys` (not ioredis keyPrefix)
 * because BullMQ and pub/sub channels do not honour keyPrefix.
 */
export function createRedis(url: string, options: RedisOptions = {}): Redis {
  const client = new Redis(url, { maxRetriesPerRequest: null, enableReadyCheck: true, ...options });
  // Connection errors are retried by ioredis; log-once handling is the caller's business.
  client.on('error', () => {});
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
