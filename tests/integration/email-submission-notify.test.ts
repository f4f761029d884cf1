import { eq, like } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { emailOutbox, skillGroups, submissions, userSkillGroups } from '../../src/db/schema';
import { setPreference } from '../../src/domain/email/preferences';
import { nextEvent, request, type TestWorkspace } from '../helpers/chat';
import { emailTestBed } from '../helpers/email-workers';

/**
 * Issue 25 item 3, "a new submission for my group": a left message takes the group the visitor chose (pre-chat
 * form) and its members who are away get one email each, in English, with one-click unsubscribe; members who
 * turned the kind off or have a tab open get none; without a group the whole team hears of it; another
 * workspace's agents never do.
 */
process.env.AGENT_EMAIL_DELAY_MS = '300';
const bed = emailTestBed();
const { h, sink } = bed;

async function group(ws: TestWorkspace, name: string, memberIds: string[]): Promise<string> {
  const [g] = await h.database.db.insert(skillGroups).values({ workspaceId: ws.workspaceId, name }).returning({ id: skillGroups.id });
  if (memberIds.length) await h.database.db.insert(userSkillGroups).values(memberIds.map((userId) => ({ userId, groupId: g.id, workspaceId: ws.workspaceId })));
  return g.id;
}

/** A workspace whose widget asks for a topic (group) and offers the message form when nobody is online. */
async function workspace(agents: number) {
  const ws = await h.createWorkspace(agents);
  await h.saveSettings(bed.node, ws.workspaceId, 'submission', { enabled: true });
  return ws;
}

/** Through the widget protocol: start a chat (nobody online: the form is offered), then leave the message. */
async function leaveMessage(ws: TestWorkspace, prechat: Record<string, unknown> | undefined, content: string) {
  const { socket } = await h.visitor(bed.node, ws.widgetKey);
  const offered = nextEvent<{ kind: string }>(socket, 'notice', (n) => n.kind === 'submission_offered');
  await request(socket, 'chat.start', prechat ? { prechat } : {});
  await offered;
  const created = await request(socket, 'submission.create', { fields: { name: 'Ada Lovelace', email: 'ada@example.com', content } });
  return created.submission as { id: string; number: number; groupId: string | null; groupName: string | null };
}

const keysOf = async (submissionId: string) =>
  (await h.database.db.select({ to: emailOutbox.toAddress }).from(emailOutbox).where(like(emailOutbox.idempotencyKey, `agent-notify:submission:${submissionId}:%`))).map((r) => r.to).sort();

describe('new submission notifications', () => {
  it("emails the chosen group's away members once each; not those who turned it off, not other groups, not another workspace", async () => {
    const ws = await workspace(4);
    const [sales1, sales2, support, salesOff] = ws.agents;
    const sales = await group(ws, 'Sales', [sales1.id, sales2.id, salesOff.id]);
    await group(ws, 'Support', [support.id]);
    await setPreference(h.database.db, salesOff.id, 'submission', false);
    await h.saveSettings(bed.node, ws.workspaceId, 'widget', { prechat: { enabled: true, name: 'optional', email: 'optional', group: { need: 'optional', groupIds: [sales], designation: 'may' } } });
    // Another workspace with its own "Sales" group and agents: never notified.
    const other = await workspace(1);
    await group(other, 'Sales', [other.agents[0].id]);
    // sales2 has the agent workspace open (connected, not taking chats): no email for them.
    const open = await h.staff(bed.node, ws.workspaceId, sales2.id);
    await expect.poll(() => bed.node.routing.socketCount(ws.workspaceId, sales2.id)).toBe(1);

    const first = await leaveMessage(ws, { groupId: sales }, 'Do you have volume discounts?');
    expect(first).toMatchObject({ groupId: sales, groupName: 'Sales' });
    const [row] = await h.database.db.select({ groupId: submissions.groupId }).from(submissions).where(eq(submissions.id, first.id));
    expect(row.groupId).toBe(sales);
    expect(await bed.jobs.result(`sn-${first.id}`)).toEqual({ queued: 1 });
    expect(await keysOf(first.id)).toEqual([sales1.email]);

    // A second message: one more email (one per submission and agent), the first is not sent again.
    const second = await leaveMessage(ws, { groupId: sales }, 'And do you invoice in EUR?');
    expect(await bed.jobs.result(`sn-${second.id}`)).toEqual({ queued: 1 });

    await sink.waitFor(() => sink.to(sales1.email).length >= 2, 20_000, 'the two notifications');
    const mails = sink.to(sales1.email);
    expect(mails).toHaveLength(2);
    const mail = mails.find((m) => (m.parsed.text ?? '').includes('volume discounts'))!;
    expect(mail.parsed.subject).toBe(`Ada Lovelace left a message for Sales (#${first.number})`);
    expect(mail.parsed.text).toContain('ada@example.com');
    expect(mail.parsed.text).toContain('http://chat.test/agent/submissions');
    expect(mail.header('list-unsubscribe')).toMatch(/^<http:\/\/chat\.test\/api\/email\/unsubscribe\?u=.*k=submission/);
    expect(mail.header('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    for (const silent of [sales2, support, salesOff, other.agents[0]]) expect(sink.to(silent.email)).toHaveLength(0);
    open.disconnect();
  });

  it('without a group, every away member of the workspace is emailed', async () => {
    const ws = await workspace(2);
    await group(ws, 'Sales', [ws.agents[0].id]);
    const other = await workspace(1);
    const left = await leaveMessage(ws, undefined, 'Is anyone there?');
    expect(left.groupId).toBeNull();
    // Both agents and the admin (invited members without a password would be left out).
    expect(await bed.jobs.result(`sn-${left.id}`)).toEqual({ queued: 3 });
    const admin = (await keysOf(left.id)).find((to) => to.startsWith('admin-'));
    expect(admin).toBeTruthy();
    expect(await keysOf(left.id)).toEqual([admin, ws.agents[0].email, ws.agents[1].email].sort());
    await sink.waitFor(() => sink.to(ws.agents[1].email).length >= 1, 20_000, 'the notification');
    expect(sink.to(ws.agents[1].email)[0].parsed.subject).toBe(`Ada Lovelace left a message (#${left.number})`);
    expect(sink.to(other.agents[0].email)).toHaveLength(0);
  });
});
