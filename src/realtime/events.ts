import type { AckResult, AgentContract, AgentServerEvents, Contract, MonitorContract, MonitorServerEvents, PayloadOf, ResultOf, VisitorContract, VisitorServerEvents } from './contract';

export type { AckResult, VisitorSession } from './contract';

/**
 * The socket event maps of the three namespaces, derived from the one contract (realtime/contract.ts) and
 * shared by the server (`Namespace<ClientToServer, ServerToClient>`) and the client components
 * (`Socket<ServerToClient, ClientToServer>` from socket.io-client), so `request()` in
 * components/chat/socket.ts infers each event's payload and ack result. docs/protocol.md describes each event.
 */

/** Every request answers through its ack: `{ ok: true, ...result }` or `{ ok: false, error }` (realtime/handler.ts). */
export type AckResponse = { ok: true; [key: string]: unknown } | { ok: false; error: { code: string; message: string; details?: unknown } };

/** Socket.IO's emit map of a contract: each event takes its payload and an ack with its result. */
/** The ack is optional: `visitor.page` is sent fire-and-forget (the server answers only when asked). */
export type ClientToServer<C extends Contract> = { [E in keyof C]: (payload: PayloadOf<C, E>, ack?: (response: AckResult<ResultOf<C, E>>) => void) => void };
type Listeners<Events> = { [E in keyof Events]: (payload: Events[E]) => void };

export type VisitorServerToClient = Listeners<VisitorServerEvents>;
export type AgentServerToClient = Listeners<AgentServerEvents>;
export type MonitorServerToClient = Listeners<MonitorServerEvents>;

export type VisitorClientToServer = ClientToServer<VisitorContract>;
export type AgentClientToServer = ClientToServer<AgentContract>;
export type MonitorClientToServer = ClientToServer<MonitorContract>;
