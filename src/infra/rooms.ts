/**
 * Socket.IO namespaces and room names, defined once for every process that emits (realtime over its
 * Server, web and worker over the Redis emitter) and for the adapters that join sockets to them.
 */
export const NAMESPACES = { visitor: '/visitor', agent: '/agent', monitor: '/monitor' } as const;

export const rooms = {
  /** Every socket taking part in a conversation (visitor, its agent, watching supervisors), per namespace. */
  conversation: (conversationId: string) => `conv:${conversationId}`,
  /** All sockets of one visitor. */
  visitor: (visitorId: string) => `visitor:${visitorId}`,
  /** All sockets of one staff account, in every staff namespace (an account change cuts them all). */
  staffUser: (userId: string) => `agent:${userId}`,
  /** Every /agent socket of a workspace (pool, queue length, submissions). */
  staff: (workspaceId: string) => `staff:${workspaceId}`,
  /** Every /monitor socket of a workspace (dashboard deltas). */
  monitor: (workspaceId: string) => `monitor:${workspaceId}`,
} as const;
