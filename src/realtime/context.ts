import type { Namespace, Socket } from 'socket.io';
import type { Queue } from 'bullmq';
import type { CollisionPresence } from '../domain/collision/presence';
import type { NodeRegistry } from '../domain/routing/nodes';
import type { PresenceGraceJob } from '../infra/jobs';
import type { AddressWatch } from '../lib/address-watch';
import type { RateLimits } from '../lib/rate-limits';
import type { Composition } from '../server/compose';
import type { CrmContext } from './crm-handlers';
import type { AgentClientToServer, AgentServerToClient, MonitorClientToServer, MonitorServerToClient, VisitorClientToServer, VisitorServerToClient } from './events';

export type VisitorNamespace = Namespace<VisitorClientToServer, VisitorServerToClient>;
export type AgentNamespace = Namespace<AgentClientToServer, AgentServerToClient>;
export type MonitorNamespace = Namespace<MonitorClientToServer, MonitorServerToClient>;

/** What the namespace adapters of one realtime node share (built once in server.ts). */
export interface RealtimeContext {
  app: Composition;
  nodeId: string;
  authSecret: string;
  corsOrigins: string[];
  presenceGraceSeconds: number;
  visitorNs: VisitorNamespace;
  agentNs: AgentNamespace;
  monitorNs: MonitorNamespace;
  limits: RateLimits;
  nodes: NodeRegistry;
  presenceQueue: Queue<PresenceGraceJob>;
  crm: CrmContext;
  /** Who views / types on each conversation (collision guard, F17). */
  collision: CollisionPresence;
  /** The client's IP: X-Forwarded-For only from TRUSTED_PROXIES. */
  socketIp(socket: Socket): string;
  /** Whether the TCP peer is taken as the client (no trusted proxy) and sent forwarding headers anyway. */
  peerOf(socket: Socket): { fromPeer: boolean; forwardingIgnored: boolean };
  /** Many visitors behind one untrusted address: a proxy missing from TRUSTED_PROXIES (lib/address-watch.ts). */
  addressWatch: AddressWatch;
}
