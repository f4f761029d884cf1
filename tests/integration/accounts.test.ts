import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users, workspaces } from '@/db/schema';
import { AccountsService } from '@/domain/accounts/service';
import { createTestDatabase, type TestDatabase } from '../helpers/db';

let tdb: TestDatabase;
let accounts: AccountsService;

beforeAll(async () => {
  tdb = await createTestDatabase();
  accounts = new AccountsService(tdb.db);
});

afterAll(async () => {
  await tdb?.drop();
});

async function signUp(tag: string) {
  return accounts.signUp({ workspaceName: `Company ${tag}`, name: `Admin ${tag}`, email: `admin@${tag}.test`, password: 'correct horse' });
}

describe('AccountsService.signUp', () => {
  it('creates a workspace and its admin with a hashed password', async () => {
    const { workspaceId, user } = await signUp('signup');
    expect(user).toMatchObject({ workspaceId, email: 'admin@signup.test', name: 'Admin signup', role: 'admin' });

    const [ws] = await tdb.db.select().from(workspaces).where(eq(workspaces.id, workspaceId));
    expect(ws.name).toBe('Company signup');
    expect(ws.widgetKey).toMatch(/^wk_/);
    expect(ws.secret.length).toBeGreaterThanOrEqual(32);

    const [row] = await tdb.db.select().from(users).where(eq(users.id, user.id));
    expect(row.role).toBe('admin');
    expect(row.passwordHash).not.toContain('correct horse');
    expect(row.passwordHash).toMatch(/^\$2[aby]\$\d{2}\$/);
  });

  it('normalises the email and refuses a duplicate (any case) with conflict', async () => {
    const { user } = await accounts.signUp({ workspaceName: 'Dup Co', name: 'D', email: '  Dup@Example.TEST ', password: 'Correct-Horse-Battery-9' });
    expect(user.email).toBe('dup@example.test');
    await expect(
      accounts.signUp({ workspaceName: 'Dup Co 2', name: 'D2', email: 'DUP@example.test', password: 'Correct-Horse-Battery-9' }),
    ).rejects.toMatchObject({ code: 'conflict' });
    expect(await tdb.db.select().from(workspaces).where(eq(workspaces.name, 'Dup Co 2'))).toHaveLength(0);
  });

  it('rejects invalid input with bad_request', async () => {
    await expect(accounts.signUp({ workspaceName: 'X', name: '', email: 'nope', password: 'short' })).rejects.toMatchObject({ code: 'bad_request' });
  });
});

describe('AccountsService.authenticate', () => {
  it('accepts the right password (email in any case) and refuses a wrong one or an unknown email', async () => {
    const { user } = await signUp('auth');
    expect(await accounts.authenticate({ email: 'admin@auth.test', password: 'correct horse' })).toEqual(user);
    expect(await accounts.authenticate({ email: 'ADMIN@Auth.test', password: 'correct horse' })).toEqual(user);
    expect(await accounts.authenticate({ email: 'admin@auth.test', password: 'wrong horse' })).toBeNull();
    expect(await accounts.authenticate({ email: 'nobody@auth.test', password: 'correct horse' })).toBeNull();
    expect(await accounts.authenticate({ email: 'admin@auth.test' })).toBeNull();
  });

  it('refuses a deactivated account', async () => {
    const { workspaceId, user: admin } = await signUp('deact');
    const agent = await accounts.createAgent(workspaceId, { name: 'Gone', email: 'gone@deact.test', password: 'Correct-Horse-Battery-9' });
    expect(await accounts.authenticate({ email: 'gone@deact.test', password: 'Correct-Horse-Battery-9' })).not.toBeNull();
    await accounts.updateAgent(workspaceId, agent.id, { active: false }, admin.id);
    expect(await accounts.authenticate({ email: 'gone@deact.test', password: 'Correct-Horse-Battery-9' })).toBeNull();
  });
});

describe('agents and skill groups are scoped to their workspace', () => {
  let a: { workspaceId: string; adminId: string; groupId: string };
  let b: { workspaceId: string; adminId: string; groupId: string };
  let agentA: { id: string };

  beforeAll(async () => {
    const wa = await signUp('tenant-a');
    const wb = await signUp('tenant-b');
    a = { workspaceId: wa.workspaceId, adminId: wa.user.id, groupId: (await accounts.createGroup(wa.workspaceId, { name: 'Sales' })).id };
    b = { workspaceId: wb.workspaceId, adminId: wb.user.id, groupId: (await accounts.createGroup(wb.workspaceId, { name: 'Sales' })).id };
    agentA = await accounts.createAgent(a.workspaceId, {
      name: 'Alice',
      email: 'alice@tenant-a.test',
      password: 'Correct-Horse-Battery-9',
      receptionLimit: 3,
      groupIds: [a.groupId],
    });
  });

  it('createAgent stores role, limit and groups; listAgents shows only the workspace’s users', async () => {
    const listA = await accounts.listAgents(a.workspaceId);
    expect(listA.map((x) => x.email).sort()).toEqual(['admin@tenant-a.test', 'alice@tenant-a.test']);
    expect(listA.find((x) => x.id === agentA.id)).toMatchObject({ role: 'agent', receptionLimit: 3, active: true, groupIds: [a.groupId] });

    const listB = await accounts.listAgents(b.workspaceId);
    expect(listB.map((x) => x.email)).toEqual(['admin@tenant-b.test']);
    expect(await accounts.getAgent(b.workspaceId, agentA.id)).toBeNull();
    expect(await accounts.getUser(b.workspaceId, agentA.id)).toBeNull();
  });

  it('updateAgent changes fields and groups within the workspace', async () => {
    const extra = await accounts.createGroup(a.workspaceId, { name: 'Support' });
    const updated = await accounts.updateAgent(a.workspaceId, agentA.id, { name: 'Alice A.', receptionLimit: 4, groupIds: [a.groupId, extra.id] }, a.adminId);
    expect(updated).toMatchObject({ name: 'Alice A.', receptionLimit: 4 });
    expect([...updated.groupIds].sort()).toEqual([a.groupId, extra.id].sort());
  });

  it('cannot update an agent of workspace A through workspace B: not_found, nothing changes', async () => {
    const before = await accounts.getAgent(a.workspaceId, agentA.id);
    await expect(accounts.updateAgent(b.workspaceId, agentA.id, { name: 'Hijacked', role: 'admin' }, b.adminId)).rejects.toMatchObject({
      code: 'not_found',
    });
    await expect(accounts.updateAgent(b.workspaceId, agentA.id, { active: false }, b.adminId)).rejects.toMatchObject({ code: 'not_found' });
    expect(await accounts.getAgent(a.workspaceId, agentA.id)).toEqual(before);
  });

  it('rejects skill groups of another workspace on create and update', async () => {
    await expect(
      accounts.createAgent(a.workspaceId, { name: 'Mallory', email: 'mallory@tenant-a.test', password: 'Correct-Horse-Battery-9', groupIds: [b.groupId] }),
    ).rejects.toMatchObject({ code: 'bad_request' });
    expect((await accounts.listAgents(a.workspaceId)).some((x) => x.email === 'mallory@tenant-a.test')).toBe(false);

    const before = await accounts.getAgent(a.workspaceId, agentA.id);
    await expect(accounts.updateAgent(a.workspaceId, agentA.id, { groupIds: [b.groupId] }, a.adminId)).rejects.toMatchObject({ code: 'bad_request' });
    expect(await accounts.getAgent(a.workspaceId, agentA.id)).toEqual(before);
  });

  it('skill groups of another workspace cannot be renamed or deleted', async () => {
    await expect(accounts.renameGroup(b.workspaceId, a.groupId, { name: 'Stolen' })).rejects.toMatchObject({ code: 'not_found' });
    await expect(accounts.deleteGroup(b.workspaceId, a.groupId)).rejects.toMatchObject({ code: 'not_found' });
    expect((await accounts.listGroups(a.workspaceId)).find((g) => g.id === a.groupId)?.name).toBe('Sales');
  });

  it('refuses a duplicate email, in any workspace and any case, with conflict', async () => {
    await expect(accounts.createAgent(a.workspaceId, { name: 'Alice 2', email: 'ALICE@tenant-a.test', password: 'Correct-Horse-Battery-9' })).rejects.toMatchObject({
      code: 'conflict',
    });
    await expect(accounts.createAgent(b.workspaceId, { name: 'Alice B', email: 'alice@tenant-a.test', password: 'Correct-Horse-Battery-9' })).rejects.toMatchObject({
      code: 'conflict',
    });
  });

  it('an admin cannot deactivate or demote themselves', async () => {
    await expect(accounts.updateAgent(a.workspaceId, a.adminId, { active: false }, a.adminId)).rejects.toMatchObject({ code: 'invalid_state' });
    await expect(accounts.updateAgent(a.workspaceId, a.adminId, { role: 'agent' }, a.adminId)).rejects.toMatchObject({ code: 'invalid_state' });
  });
});
