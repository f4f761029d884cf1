import type { Redis } from 'ioredis';
import { RedisKeys } from '../../lib/redis';

/**
 * Liveness of realtime nodes. Each node refreshes a heartbeat key with a TTL and records which agents it
 * holds sockets for; when a node dies its heartbeat expires and the sweeper (worker) removes its sockets,
 * so its agents go offline like any disconnected agent.
 */
export class NodeRegistry {
  private readonly keys: RedisKeys;

  constructor(
    private readonly redis: Redis,
    prefix: string,
  ) {
    this.keys = new RedisKeys(prefix);
  }

  async heartbeat(nodeId: string, ttlSeconds: number): Promise<void> {
    await this.redis.multi().set(this.keys.nodeHeartbeat(nodeId), '1', 'EX', ttlSeconds).sadd(this.keys.nodes(), nodeId).exec();
  }

  async trackAgent(nodeId: string, workspaceId: string, agentId: string): Promise<void> {
    await this.redis.sadd(this.keys.nodeSockets(nodeId), `${workspaceId}|${agentId}`);
  }

  /** Nodes whose heartbeat expired, with the agents they held. */
  async deadNodes(): Promise<{ nodeId: string; agents: { workspaceId: string; agentId: string }[] }[]> {
    const nodes = await this.redis.smembers(this.keys.nodes());
    const dead = [];
    for (const nodeId of nodes) {
      if (await this.redis.exists(this.keys.nodeHeartbeat(nodeId))) continue;
      const members = await this.redis.smembers(this.keys.nodeSockets(nodeId));
      dead.push({
        nodeId,
        agents: members.map((m) => {
          const [workspaceId, agentId] = m.split('|');
          return { workspaceId, agentId };
        }),
      });
    }
    return dead;
  }

  async forget(nodeId: string): Promise<void> {
    await this.redis.multi().srem(this.keys.nodes(), nodeId).del(this.keys.nodeSockets(nodeId)).exec();
  }

  /** A clean shutdown: the node's sockets are gone, nothing to sweep. */
  async leave(nodeId: string): Promise<void> {
    await this.redis.multi().srem(this.keys.nodes(), nodeId).del(this.keys.nodeSockets(nodeId), this.keys.nodeHeartbeat(nodeId)).exec();
  }
}
