/**
 * The baselines of the relay scenario share this server: a Socket.IO relay speaking the same events and
 * payload shapes as our realtime server (so the same driver and clients run against all of them). A chat
 * is paired with the connected agents round robin; `message.send` is persisted (when `persist` is given),
 * acked and broadcast to the conversation room of both namespaces.
 *
 *   bare:  nothing behind it (no validation, database or Redis adapter): the ceiling of the transport
 *   naive: what a competent team writes in a day: zod validation, one INSERT per message through a pool,
 *          ack after commit, broadcast through the Redis adapter (bench/naive-relay.ts)
 */
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { Server, type ServerOptions, type Socket } from 'socket.io';
import { createStatsHandler } from '../../src/realtime/stats';

export interface IncomingMessage {
  conversationId: string;
  clientMsgId: string;
  body: string;
}

export interface MiniRelayOptions {
  port: number;
  adapter?: ServerOptions['adapter'];
  /** Validates a `message.send` payload; throws on bad input. */
  parse?: (input: unknown) => IncomingMessage;
  /** Durably stores a message; the ack and the broadcast wait for it. */
  persist?: (message: IncomingMessage & { senderType: string; senderId: string }) => Promise<{ id: string; seq: number; createdAt: string }>;
  onClose?: () => Promise<void>;
}

type Ack = (response: unknown) => void;

export function startMiniRelay(options: MiniRelayOptions): void {
  const stats = createStatsHandler(() => io);
  const http = createServer((req, res) => {
    if (req.url === '/health') return void res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    if (req.url?.startsWith('/stats')) return stats(req, res);
    res.writeHead(404).end();
  });
  const io = new Server(http, { maxHttpBufferSize: 64 * 1024, pingInterval: 20_000, pingTimeout: 20_000, adapter: options.adapter });
  const visitorNs = io.of('/visitor');
  const agentNs = io.of('/agent');
  const agents: Socket[] = [];
  let nextAgent = 0;
  const seqs = new Map<string, number>();

  const emitToConversation = (conversationId: string, event: string, payload: unknown) => {
    visitorNs.to(`conv:${conversationId}`).emit(event, payload);
    agentNs.to(`conv:${conversationId}`).emit(event, payload);
  };

  function relay(socket: Socket, senderType: 'visitor' | 'agent', senderId: string) {
    socket.on('message.send', async (raw: unknown, ack?: Ack) => {
      try {
        const input = options.parse ? options.parse(raw) : (raw as IncomingMessage);
        let stored: { id: string; seq: number; createdAt: string };
        if (options.persist) stored = await options.persist({ ...input, senderType, senderId });
        else {
          const seq = (seqs.get(input.conversationId) ?? 0) + 1;
          seqs.set(input.conversationId, seq);
          stored = { id: randomUUID(), seq, createdAt: new Date().toISOString() };
        }
        const message = { ...stored, conversationId: input.conversationId, senderType, senderId, senderName: null, body: input.body, clientMsgId: input.clientMsgId };
        emitToConversation(input.conversationId, 'message', message);
        ack?.({ ok: true, message });
      } catch (error) {
        ack?.({ ok: false, error: { code: 'bad_request', message: error instanceof Error ? error.message : String(error) } });
      }
    });
  }

  agentNs.on('connection', (socket) => {
    const agentId = randomUUID();
    agents.push(socket);
    socket.on('disconnect', () => agents.splice(agents.indexOf(socket), 1));
    socket.on('status.set', (input: { status: string }, ack?: Ack) => ack?.({ ok: true, presence: { status: input.status, load: 0, limit: 100 } }));
    relay(socket, 'agent', agentId);
    socket.emit('presence', { status: 'offline', load: 0, limit: 100 });
  });

  visitorNs.on('connection', (socket) => {
    const visitorId = randomUUID();
    relay(socket, 'visitor', visitorId);
    socket.on('chat.start', (_input: unknown, ack?: Ack) => {
      const conversationId = randomUUID();
      const agent = agents[nextAgent++ % Math.max(1, agents.length)];
      const conversation = { id: conversationId, status: agent ? 'active' : 'queued', visitorId, agentId: agent ? 'relay' : null };
      socket.join(`conv:${conversationId}`);
      if (agent) {
        agent.join(`conv:${conversationId}`);
        agent.emit('conversation.assigned', conversation);
        emitToConversation(conversationId, 'message', { conversationId, seq: 0, senderType: 'system', body: 'joined', clientMsgId: null });
      }
      ack?.({ ok: true, conversation, messages: [], queue: null });
    });
    socket.emit('session', { visitorId, token: 'relay', conversation: null, messages: [], queue: null });
  });

  http.listen(options.port, '127.0.0.1', () => process.stderr.write(`relay listening on ${options.port}\n`));
  const shutdown = async () => {
    io.close();
    await options.onClose?.().catch(() => {});
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown());
  process.on('SIGINT', () => void shutdown());
}
