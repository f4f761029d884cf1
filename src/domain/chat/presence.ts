import type { RoutingEngine } from '../routing/engine';
import type { AgentStatus } from '../routing/strategies';
import type { WaitingChats } from '../queue/service';
import type { ChatEventPublisher } from './events';
import type { AgentPresence } from './notifier';
import type { ChatPorts } from './ports';
import type { RoutingProfile } from './types';

/** An agent's presence as routing sees it (status, load, limit), published to the event seam. */
export class PresenceFeed {
  constructor(
    private readonly routing: RoutingEngine,
    private readonly events: ChatEventPublisher,
  ) {}

  async presence(workspaceId: string, agentId: string): Promise<AgentPresence> {
    const agent = await this.routing.agent(workspaceId, agentId);
    return { status: agent?.status ?? 'offline', load: agent?.load ?? 0, limit: agent?.limit ?? 0 };
  }

  /** Publishes the agent's current presence: the socket feed tells the agent (all sockets), then the monitor feed. */
  async push(workspaceId: string, agentId: string): Promise<AgentPresence> {
    const presence = await this.presence(workspaceId, agentId);
    await this.events.publish('agent.presence', { workspaceId, agentId, presence });
    return presence;
  }
}

/** Use cases of agent availability: registering a routing profile, console changes, status switches. */
export class AgentAvailability {
  constructor(
    private readonly ports: ChatPorts,
    private readonly feed: PresenceFeed,
    private readonly queue: WaitingChats,
  ) {}

  /** Registers an agent's routing profile (limit override or workspace default, groups). */
  async registerAgent(workspaceId: string, agent: RoutingProfile): Promise<AgentPresence> {
    const { routing, settings } = this.ports;
    if (!agent.active) {
      await routing.removeAgent(workspaceId, agent.id);
      return { status: 'offline', load: 0, limit: 0 };
    }
    const { defaultReceptionLimit } = await settings.value(workspaceId, 'assignment');
    await routing.upsertAgent(workspaceId, { id: agent.id, limit: agent.receptionLimit ?? defaultReceptionLimit, groupIds: agent.groupIds });
    return this.feed.presence(workspaceId, agent.id);
  }

  /** After a console change (limit, groups, active, workspace default): apply it at once and let the queue move. */
  async refreshAgents(workspaceId: string, agents: RoutingProfile[]): Promise<void> {
    for (const agent of agents) {
      await this.registerAgent(workspaceId, agent);
      await this.feed.push(workspaceId, agent.id);
    }
    await this.queue.settle(workspaceId, { capacityFreed: true });
  }

  /** Closes every socket of a staff member (deactivated account, sessions revoked), on every node. */
  disconnectAgent(agentId: string): void {
    // Transport only (no chat state changes, nothing for other listeners): a direct port call, not an event.
    this.ports.rooms.disconnectAgent(agentId);
  }

  async setAgentStatus(workspaceId: string, agentId: string, status: AgentStatus, reason = 'agent'): Promise<AgentPresence> {
    const { routing, conversations } = this.ports;
    const previous = (await routing.agent(workspaceId, agentId))?.status ?? null;
    await routing.setStatus(workspaceId, agentId, status);
    // No row changes with a status switch (presence lives in Redis): the event is written on its own, and the
    // status log keeps the latest choice for a rebuild of lost Redis state (routing/recovery.ts).
    if (previous !== status) {
      await conversations.recordEvent(workspaceId, 'agent.status_changed', { agentId, status, previous });
      await conversations.recordAgentStatus(workspaceId, agentId, status, reason);
    }
    const presence = await this.feed.push(workspaceId, agentId);
    // Going online may pull chats from the queue: answer with the load after that, not before (the ack
    // would otherwise overwrite the live `presence` with "0 / limit").
    if (status === 'online' && (await this.queue.settle(workspaceId, { capacityFreed: true }))) return this.feed.presence(workspaceId, agentId);
    return presence;
  }
}
