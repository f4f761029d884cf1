/**
 * Seeds the demo workspace "Demo Co" (`npm run seed`): an admin, a supervisor and two agents in two skill
 * groups, all with password demo-chat-2026, and the fixed widget key wk_demo_livechat used by /demo.
 * Idempotent: when admin@demo.test already exists nothing is changed. Everything is created in one
 * transaction, so a failed run leaves nothing half-seeded.
 */
import './dotenv';
import { eq, sql } from 'drizzle-orm';
import { createDb, type Db } from '../src/db/client';
import { users, workspaces } from '../src/db/schema';
import { AccountsService } from '../src/domain/accounts/service';
import { env } from '../src/lib/env';
import { DEMO_GROUPS, DEMO_PASSWORD, DEMO_USERS, DEMO_WIDGET_KEY, DEMO_WORKSPACE, demoLoginsText } from './demo-data';

async function main() {
  const e = env();
  const db = createDb(e.DATABASE_URL, { max: 2 });
  try {
    const admin = DEMO_USERS[0];
    const [existing] = await db.select({ id: users.id }).from(users).where(sql`lower(${users.email}) = ${admin.email}`);
    if (existing) {
      console.log(`seed: demo workspace already present (${admin.email} exists), nothing to do`);
    } else {
      await db.transaction(async (tx) => {
        // The service runs inside this transaction (its own transactions become savepoints).
        const accounts = new AccountsService(tx as unknown as Db);
        const { workspaceId } = await accounts.signUp({
          workspaceName: DEMO_WORKSPACE,
          name: admin.name,
          email: admin.email,
          password: DEMO_PASSWORD,
        });
        await tx.update(workspaces).set({ widgetKey: DEMO_WIDGET_KEY }).where(eq(workspaces.id, workspaceId));
        const groupIds = new Map<string, string>();
        for (const name of DEMO_GROUPS) groupIds.set(name, (await accounts.createGroup(workspaceId, { name })).id);
        for (const u of DEMO_USERS.slice(1)) {
          await accounts.createAgent(workspaceId, {
            name: u.name,
            email: u.email,
            password: DEMO_PASSWORD,
            role: u.role,
            groupIds: u.group ? [groupIds.get(u.group)!] : [],
          });
        }
      });
      console.log(`seed: created demo workspace "${DEMO_WORKSPACE}"`);
    }
    console.log(demoLoginsText(e.PUBLIC_WEB_URL));
  } finally {
    await db.$client.end();
  }
}

main().catch((error) => {
  console.error('seed: failed:', error);
  process.exit(1);
});
