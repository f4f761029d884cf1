import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import type { RealtimeServer } from '../../src/realtime/server';
import { TEST_REDIS_URL } from '../helpers/db';
import { ChatHarness, nextEvent, request, type TestWorkspace } from '../helpers/chat';
import { spawnWorker, type WorkerProcess } from '../helpers/worker-process';

/**
 * F9 end-of-chat timers against real Redis, PostgreSQL and REAL worker processes (BullMQ delayed jobs).
 * Settings use fractional minutes: 0.02 min = 1.2 s.
 */
const WARN_MS = 1200;
const END_MS = 1200;
const h = new ChatHarness();
let ws: TestWorkspace;
let node: RealtimeServer;
let agent: Socket;
const workers: WorkerProcess[] = [];

const startWorkerProcess = async () => {
  const w = await spawnWorker({ databaseUrl: h.database.url, redisUrl: TEST_REDIS_URL, redisPrefix: h.prefix });
  workers.push(w);
  return w;
};

interface Notice {
  conversationId: string;
  kind: string;
  text: string;
}

/** A visitor with an active chat served by the agent; records every notice with its arrival time. */
async function activeChat() {
  const { socket, session } = await h.visitor(node, ws.widgetKey);
  const token = session.token;
  const notices: (Notice & { at: number })[] = [];
  socket.on('notice', (n: Notice) => notices.push({ ...n, at: Date.now() }));
  const started = await request(socket, 'chat.start', {});
  expect(started.conversation.status).toBe('active');
  const conversationId: string = started.conversation.id;
  let n = 0;
  const visitorSays = async (body = 'hello') => {
    const r = await request(socket, 'message.send', { conversationId, clientMsgId: `v${++n}`, body });
    expect(r.ok).toBe(true);
  };
  const agentSays = async (body = 'hi there') => {
    const r = await request(agent, 'message.send', { conversationId, clientMsgId: `a${++n}-${conversationId}`, body });
    expect(r.ok).toBe(true);
    return Date.now();
  };
  const notice = (kind: string, timeoutMs = 15_000) => nextEvent<Notice>(socket, 'notice', (x) => x.kind === kind && x.conversationId === conversationId, timeoutMs).then((x) => ({ ...x, at: Date.now() }));
  const ended = () => nextEvent<{ id: string; status: string; endedBy: string }>(socket, 'conversation.updated', (c) => c.id === conversationId && c.status === 'ended', 15_000);
  return { socket, token, conversationId, notices, visitorSays, agentSays, notice, ended };
}

beforeAll(async () => {
  await h.setup();
  ws = await h.createWorkspace(1, { receptionLimit: 50 });
  node = await h.startNode();
  await h.saveSettings(node, ws.workspaceId, 'endOfChat', {
    chatEndedPrompt: 'Bye!',
    agentReplyTimeout: { enabled: true, minutes: 0.02, prompt: 'An agent will be with you shortly.' },
    inactivity: { enabled: true, warnAfterMinutes: 0.02, warningPrompt: 'Are you still there?', endAfterMinutes: 0.02, endPrompt: 'Closed: customer timed out / offline.' },
  });
  agent = await h.staff(node, ws.workspaceId, ws.agents[0].id);
  await request(agent, 'status.set', { status: 'online' });
  await startWorkerProcess();
}, 60_000);

afterAll(async () => {
  await Promise.allSettled(workers.map((w) => w.stop()));
  await h.teardown();
});

describe('visitor inactivity (BullMQ delayed jobs in a worker process)', () => {
  it('warns after N minutes of visitor silence, then ends with the timed-out prompt after M more', async () => {
    const chat = await activeChat();
    await chat.visitorSays();
    const warning = chat.notice('inactivity_warning');
    const timedOut = chat.notice('timed_out');
    const ended = chat.ended();
    const t0 = await chat.agentSays();
    const warned = await warning;
    expect(warned.text).toBe('Are you still there?');
    expect(warned.at - t0).toBeGreaterThanOrEqual(WARN_MS - 100);
    const closed = await timedOut;
    expect(closed.text).toBe('Closed: customer timed out / offline.');
    expect(closed.at - warned.at).toBeGreaterThanOrEqual(END_MS - 100);
    expect((await ended).endedBy).toBe('system');
    const history = await request(chat.socket, 'history', { conversationId: chat.conversationId });
    // Every prompt is stored (docs/protocol.md): a visitor who reloads sees why the chat ended (issue 21 item 6).
    expect(history.messages.map((m: { body: string }) => m.body)).toEqual(expect.arrayContaining(['Are you still there?', 'Closed: customer timed out / offline.']));
    expect(history.messages.map((m: { body: string }) => m.body)).not.toContain('Chat ended by system');
    const reloaded = await h.visitor(node, ws.widgetKey, chat.token);
    expect(reloaded.session.messages.at(-1)?.body).toBe('Closed: customer timed out / offline.');
  }, 30_000);

  it('is reset by new messages: the visitor answering stops it, the next agent message restarts the clock', async () => {
    const chat = await activeChat();
    await chat.visitorSays('first');
    await chat.agentSays('question?');
    // The visitor answers before the warning is due; the agent's reply-timeout prompt takes over.
    await new Promise((r) => setTimeout(r, WARN_MS / 2));
    await chat.visitorSays('answer');
    const prompt = await chat.notice('agent_reply_timeout');
    expect(prompt.text).toBe('An agent will be with you shortly.');
    expect(chat.notices.filter((n) => n.kind === 'inactivity_warning')).toHaveLength(0);
    const warning = chat.notice('inactivity_warning');
    const t2 = await chat.agentSays('another question?');
    const warned = await warning;
    expect(warned.at - t2).toBeGreaterThanOrEqual(WARN_MS - 100);
    // A visitor message after the warning cancels the automatic end.
    await chat.visitorSays('still here');
    await chat.notice('agent_reply_timeout');
    expect(chat.notices.filter((n) => n.kind === 'timed_out')).toHaveLength(0);
    await request(agent, 'chat.end', { conversationId: chat.conversationId });
  }, 30_000);

  it('fires once with two worker processes', async () => {
    await startWorkerProcess();
    const chat = await activeChat();
    await chat.visitorSays();
    const ended = chat.ended();
    await chat.agentSays();
    await ended;
    // Let any duplicate deliveries arrive: wait for one more full timer period after the end.
    await new Promise((r) => setTimeout(r, WARN_MS + END_MS));
    expect(chat.notices.filter((n) => n.kind === 'inactivity_warning')).toHaveLength(1);
    expect(chat.notices.filter((n) => n.kind === 'timed_out')).toHaveLength(1);
    const history = await request(chat.socket, 'history', { conversationId: chat.conversationId });
    expect(history.messages.filter((m: { body: string }) => m.body === 'Are you still there?')).toHaveLength(1);
    expect(history.messages.filter((m: { body: string }) => m.body === 'Closed: customer timed out / offline.')).toHaveLength(1);
  }, 40_000);

  it('survives a worker restart: the delayed job scheduled before the crash fires in the new worker', async () => {
    const chat = await activeChat();
    await chat.visitorSays();
    await Promise.all(workers.splice(0).map((w) => w.kill()));
    const warning = chat.notice('inactivity_warning', 40_000);
    const ended = chat.ended();
    const t0 = await chat.agentSays();
    await startWorkerProcess();
    const warned = await warning;
    expect(warned.at - t0).toBeGreaterThanOrEqual(WARN_MS - 100);
    expect((await ended).status).toBe('ended');
  }, 60_000);
});
