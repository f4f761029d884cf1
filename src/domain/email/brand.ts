import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { workspaces } from '../../db/schema';
import type { Brand } from './templates/layout';

/** The workspace's name, shown as the sender name and at the top of every email. */
export async function loadBrand(db: Pick<Db, 'select'>, workspaceId: string): Promise<Brand> {
  const [ws] = await db.select({ name: workspaces.name }).from(workspaces).where(eq(workspaces.id, workspaceId));
  return { workspaceName: ws?.name ?? 'Live chat' };
}
