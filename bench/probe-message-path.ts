/**
 * Probe: where a message's time goes on this machine (one realtime node in-process, real PostgreSQL and
 * Redis, real socket.io clients). Sends N messages at a fixed rate over C conversations and reports the
 * end-to-end visitor -> agent latency plus the server-side stage timings. Run: npx tsx bench/probe-message-path.ts
 */
import { performance } from 'node:perf_hooks';
import { ChatHarness, request } from '../tests/helpers/chat';

const CONVERSATIONS = Number(process.env.PROBE_CONVERSATIONS ?? 50);
const RATE = Number(process.env.PROBE_RATE ?? 1000);
const SECONDS = Number(process.env.PROBE_SECONDS ?? 5);

function pct(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return Number((sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0).toFixed(2));
}

const h = new ChatHarness();
await h.setup();
try {
  const node = await h.startNode();
  // Stage timings inside the server: wrap the steps of ChatService.deliver.
  const stages: Record<string, number[]> = { offline: [], append: [], aftercare: [], pgWaiting: [] };
  const chatInternals = node.chat as unknown as Record<string, any>;
  const time = (target: Record<string, any>, method: string, label: string) => {
    const original = target[method].bind(target);
    target[method] = async (...args: unknown[]) => {
      const t = performance.now();
      try {
        return await original(...args);
      } finally {
        stages[label].push(performance.now() - t);
      }
    };
  };
  time(chatInternals, 'recipientOffline', 'offline');
  time(chatInternals.conversations, 'appendMessage', 'append');
  if (chatInternals.aftercare) time(chatInternals.aftercare, 'afterMessage', 'aftercare');
  const pool = h.database.db.$client;
  const sampler = setInterval(() => stages.pgWaiting.push(pool.waitingCount), 5);
  const ws = await h.createWorkspace(5, { receptionLimit: 100 });
  const agents = [];
  for (const a of ws.agents) {
    const s = await h.staff(node, ws.workspaceId, a.id);
    await request(s, 'status.set', { status: 'online' });
    agents.push(s);
  }
  const chats: { socket: import('socket.io-client').Socket; conversationId: string }[] = [];
  for (let i = 0; i < CONVERSATIONS; i++) {
    const v = await h.visitor(node, ws.widgetKey);
    const started = await request(v.socket, 'chat.start', {});
    chats.push({ socket: v.socket, conversationId: started.conversation.id as string });
  }
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  const acks: number[] = [];
  for (const agent of agents) {
    agent.on('message', (m: { clientMsgId: string | null; senderType: string }) => {
      const t = m.clientMsgId ? sentAt.get(m.clientMsgId) : undefined;
      if (t !== undefined && m.senderType === 'visitor') latencies.push(performance.now() - t);
    });
  }
  const total = RATE * SECONDS;
  const start = performance.now();
  let sent = 0;
  await new Promise<void>((resolve) => {
    const tick = setInterval(() => {
      const due = Math.min(total, Math.floor(((performance.now() - start) * RATE) / 1000));
      for (; sent < due; sent++) {
        const chat = chats[sent % chats.length];
        const id = `p${sent}`;
        const t = performance.now();
        sentAt.set(id, t);
        void request(chat.socket, 'message.send', { conversationId: chat.conversationId, clientMsgId: id, body: 'x'.repeat(100) }).then(() => acks.push(performance.now() - t));
      }
      if (sent >= total) {
        clearInterval(tick);
        resolve();
      }
    }, 2);
  });
  const deadline = performance.now() + 10_000;
  while (latencies.length < total && performance.now() < deadline) await new Promise((r) => setTimeout(r, 20));
  const elapsed = (performance.now() - start) / 1000;
  clearInterval(sampler);
  console.log(JSON.stringify(Object.fromEntries(Object.entries(stages).map(([k, v]) => [k, { n: v.length, p50: pct(v, 50), p99: pct(v, 99), max: pct(v, 100) }]))));
  console.log(JSON.stringify({ conversations: CONVERSATIONS, rate: RATE, sent: total, delivered: latencies.length, elapsedS: Number(elapsed.toFixed(1)), deliverP50: pct(latencies, 50), deliverP99: pct(latencies, 99), ackP50: pct(acks, 50), ackP99: pct(acks, 99) }));
} finally {
  await h.teardown();
}
