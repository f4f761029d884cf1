/**
 * Redis keys for one workspace's routing state. All share the hash tag `{ws:<id>}` so a workspace's keys
 * live in one cluster slot and every Lua script touches a single slot.
 */
export function routingKeys(prefix: string, workspaceId: string) {
  const base = `${prefix}:{ws:${workspaceId}}`;
  return {
    /** hash agentId -> online | busy | offline */
    status: `${base}:status`,
    /** hash agentId -> reception limit */
    limit: `${base}:limit`,
    /** hash agentId -> number of chats currently assigned */
    load: `${base}:load`,
    /** hash agentId -> ms timestamp of the last assignment (saturation tie-break) */
    lastAssigned: `${base}:last`,
    /** hash agentId -> JSON array of skill group ids */
    groups: `${base}:groups`,
    /** hash conversationId -> agentId: the single source of "who has this chat" for capacity */
    assignment: `${base}:assign`,
    /** hash targetKey -> agent id last given a chat by round robin */
    roundRobin: `${base}:rr`,
    /** zset per target ('all' | 'group:<id>' | 'agent:<id>'): conversationId -> score (band * 1e13 + enqueue ms) */
    queue: (targetKey: string) => `${base}:q:${targetKey}`,
    /** zset per target: always-on chats no agent qualified for (the Unassigned pool); not counted in qlen */
    pool: (targetKey: string) => `${base}:p:${targetKey}`,
    /** hash conversationId -> JSON QueueEntry (which target queue it is in, visitor, VIP, enqueue time) */
    queueMeta: `${base}:qmeta`,
    /** integer: chats waiting across all target queues (max queue length is checked against it atomically) */
    queueLength: `${base}:qlen`,
    /** set conversationId's agents tried (auto-transfer never goes back to one) */
    tried: (conversationId: string) => `${base}:tried:${conversationId}`,
    /** list of recent handling durations in seconds (wait estimate) */
    handled: `${base}:handled`,
    /** hash socketId -> nodeId, per agent: an agent is connected while this is non-empty */
    sockets: (agentId: string) => `${base}:sockets:${agentId}`,
  };
}

export type RoutingKeys = ReturnType<typeof routingKeys>;
