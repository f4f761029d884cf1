import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Supervisor } from '../../scripts/supervisor';
import { catchUp, lastSeenSeq, mergeMessages, type UiMessage } from '../../src/components/chat/messages';
import { messages } from '../../src/db/schema';
import type { MessageDto } from '../../src/domain/conversations/types';
import { signStaffToken } from '../../src/lib/tokens';
import { ChatHarness, nextEvent, request, TEST_AUTH_SECRET } from '../helpers/chat';
import { TEST_REDIS_URL } from '../helpers/db';
import { freePort, ROOT, until } from '../helpers/faults';

/**
 * Issue 12: the realtime node is killed with SIGKILL under the `npm start` supervisor. The supervisor
 * restarts it, the clients reconnect by themselves, the agent's presence comes back, and the agent
 * catches up (`sync` from its last seen seq) on the visitor messages acknowledged while it was away.
 */
const h = new ChatHarness();
let supervisor: Supervisor;
let port: number;
const sockets: Socket[] = [];
let output = '';

beforeAll(async () => {
  await h.setup();
  port = await freePort();
  supervisor = new Supervisor([{ name: 'realtime', color: 35, command: process.execPath, args: ['--import', 'tsx', 'src/realtime/main.ts'] }], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'info', NODE_ENV: 'test', DATABASE_URL: h.database.url, REDIS_URL: TEST_REDIS_URL, REDIS_PREFIX: h.prefix, AUTH_SECRET: TEST_AUTH_SECRET, REALTIME_PORT: String(port), PUBLIC_WEB_URL: 'http://localhost' },
    log: (line) => (output += `[supervisor] ${line}\n`),
    output: (_p, line) => (output += `${line}\n`),
    backoffMs: 100,
  }).start();
  await until(() => output.includes('realtime server listening'), 'realtime to start', 90_000);
}, 120_000);
afterAll(async () => {
  for (const s of sockets) s.disconnect();
  await supervisor?.stop('SIGTERM');
  await h.teardown();
});

describe('realtime node killed with SIGKILL', () => {
  it('is restarted by the supervisor; clients reconnect, agent presence is restored, the agent catches up on every acked message', async () => {
    const ws = await h.createWorkspace(1);
    const url = `http://127.0.0.1:${port}`;
    const options = { transports: ['websocket'], forceNew: true, reconnectionDelay: 100, reconnectionDelayMax: 500 };
    // The agent comes back later than the visitor (as a busy browser may), so it misses live messages.
    const agent = connect(`${url}/agent`, { ...options, reconnectionDelay: 3_000, reconnectionDelayMax: 3_000, randomizationFactor: 0, auth: async (cb: (a: object) => void) => cb({ token: await signStaffToken(TEST_AUTH_SECRET, { uid: ws.agents[0].id, wid: ws.workspaceId, role: 'agent' }) }) });
    sockets.push(agent);
    await nextEvent(agent, 'presence');
    expect((await request(agent, 'status.set', { status: 'online' })).ok).toBe(true);
    let token: string | undefined;
    const visitor = connect(`${url}/visitor`, { ...options, auth: (cb: (a: object) => void) => cb({ widgetKey: ws.widgetKey, token }) });
    sockets.push(visitor);
    token = (await nextEvent<{ token: string }>(visitor, 'session')).token;
    const started = await request(visitor, 'chat.start', {});
    expect(started.conversation.status).toBe('active');
    const conversationId = started.conversation.id as string;

    // What the agent's screen holds: live messages merged by seq.
    let seen: UiMessage[] = [];
    agent.on('message', (m: MessageDto) => (seen = mergeMessages(seen, [m])));
    const send = async (body: string) => {
      const ack = await request(visitor, 'message.send', { conversationId, clientMsgId: randomUUID(), body });
      expect(ack.ok).toBe(true);
      return ack.message as MessageDto;
    };
    await send('before the crash');
    await until(() => seen.some((m) => m.body === 'before the crash'), 'live delivery');

    const killedAt = Date.now();
    const agentBack = nextEvent<{ status: string }>(agent, 'presence', undefined, 90_000);
    const visitorBack = nextEvent(visitor, 'session', undefined, 90_000);
    process.kill(supervisor.pid('realtime')!, 'SIGKILL');
    await until(() => supervisor.restarts('realtime') === 1, 'the supervisor to restart realtime');

    // The visitor is back first and writes while the agent may still be away.
    await visitorBack;
    const whileAway = [await send('after the crash 1'), await send('after the crash 2'), await send('after the crash 3')];
    const presence = await agentBack;
    const recoveredMs = Date.now() - killedAt;
    expect(presence.status).toBe('online');

    const liveAfterCrash = whileAway.filter((m) => seen.some((s) => s.id === m.id)).length;
    const missed = await catchUp((p) => request(agent, 'sync', p), { [conversationId]: seen }, [conversationId]);
    seen = mergeMessages(seen, missed[conversationId] ?? []);
    for (const m of whileAway) expect(seen.map((s) => s.id)).toContain(m.id);
    expect(lastSeenSeq(seen)).toBeGreaterThanOrEqual(whileAway[2].seq);

    // Nothing acknowledged was lost.
    const stored = await h.database.db.select({ id: messages.id }).from(messages).where(sql`${messages.conversationId} = ${conversationId}`);
    for (const m of whileAway) expect(stored.map((s) => s.id)).toContain(m.id);
    expect(output).toMatch(/realtime was killed by SIGKILL; restarting/);
    console.info(`[fault] realtime-kill: restarted and agent presence back ${recoveredMs} ms after SIGKILL; ${whileAway.length - liveAfterCrash} of ${whileAway.length} messages sent meanwhile recovered by sync; lost 0`);
  }, 180_000);
});
