/**
 * The baseline of the relay-ratio scenario: a bare Socket.IO relay speaking the same events and payload
 * shapes as our realtime server (so the same driver and clients run against both), with nothing behind
 * it: no validation, no database, no Redis adapter, no routing. A chat is paired with the connected
 * agents round robin; `message.send` is stamped and broadcast to the conversation room of both namespaces.
 *
 * Run by bench/run.ts as a child process: BARE_PORT=4300 node --import tsx bench/bare-relay.ts
 */
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { Server, type Socket } from 'socket.io';

const port = Number(process.env.BARE_PORT ?? 4300);
const http = createServer((req, res) => {
  if (req.url === '/health') return void res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
  res.writeHead(404).end();
});
const io = new Server(http, { maxHttpBufferSize: 64 * 1024, pingInterval: 20_000, pingTimeout: 20_000 });
const visitorNs = io.of('/visitor');
const agentNs = io.of('/agent');
const agents: Socket[] = [];
let nextAgent = 0;
const seqs = new Map<string, number>();
type Ack = (response: unknown) => void;

const emitToConversation = (conversationId: string, event: string, payload: unknown) => {
  visitorNs.to(`conv:${conversationId}`).emit(event, payload);
  agentNs.to(`conv:${conversationId}`).emit(event, payload);
};

function relay(socket: Socket, senderType: 'visitor' | 'agent', senderId: string) {
  socket.on('message.send', (input: { conversationId: string; clientMsgId: string; body: string }, ack?: Ack) => {
    const seq = (seqs.get(input.conversationId) ?? 0) + 1;
    seqs.set(input.conversationId, seq);
    const message = {
      id: randomUUID(),
      conversationId: input.conversationId,
      seq,
      senderType,
      senderId,
      senderName: null,
      body: input.body,
      clientMsgId: input.clientMsgId,
      createdAt: new Date().toISOString(),
    };
    emitToConversation(input.conversationId, 'message', message);
    ack?.({ ok: true, message });
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
    const conversation = { id: conversationId, status: agent ? 'active' : 'queued', visitorId, agentId: agent ? 'bare' : null };
    socket.join(`conv:${conversationId}`);
    if (agent) {
      agent.join(`conv:${conversationId}`);
      agent.emit('conversation.assigned', conversation);
      emitToConversation(conversationId, 'message', { conversationId, seq: 0, senderType: 'system', body: 'joined', clientMsgId: null });
    }
    ack?.({ ok: true, conversation, messages: [], queue: null });
  });
  socket.emit('session', { visitorId, token: 'bare', conversation: null, messages: [], queue: null });
});

http.listen(port, '127.0.0.1', () => process.stderr.write(`bare relay listening on ${port}\n`));
const shutdown = () => {
  io.close();
  process.exit(0);
};
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
