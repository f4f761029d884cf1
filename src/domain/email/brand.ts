import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/client';
import { settings, workspaces } from '../../db/schema';
import { LogoUrl } from '../settings/schemas-widget';
import type { Brand } from './templates/layout';

/** The two logos of the widget settings; a stored value that no longer validates counts as none. */
const Logos = z.object({ emailLogoUrl: LogoUrl.catch(''), logoUrl: LogoUrl.catch('') }).catch({ emailLogoUrl: '', logoUrl: '' });

/**
 * The workspace's name (the sender name, and at the top of every email) and its logo: Widget > "Email logo",
 * else the widget's logo, else none (https addresses only, checked again here).
 */
export async function loadBrand(db: Pick<Db, 'select'>, workspaceId: string): Promise<Brand> {
  const [[ws], [widget]] = await Promise.all([
    db.select({ name: workspaces.name }).from(workspaces).where(eq(workspaces.id, workspaceId)),
    db.select({ value: settings.value }).from(settings).where(and(eq(settings.workspaceId, workspaceId), eq(settings.section, 'widget'))),
  ]);
  const logos = Logos.parse(widget?.value ?? {});
  return { workspaceName: ws?.name ?? 'Live chat', logoUrl: logos.emailLogoUrl || logos.logoUrl || null };
}
