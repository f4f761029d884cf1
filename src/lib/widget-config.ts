import { eq } from 'drizzle-orm';
import { workspaces } from '@/db/schema';
import { onlineAgentNames, recentFirstResponseSeconds, replyExpectation, type ReplyExpectation } from '@/domain/widget/availability';
import type { WidgetSettings } from '@/domain/settings/schemas-widget';
import { services } from './services';

export interface WidgetContext {
  workspaceId: string;
  workspaceName: string;
  widget: WidgetSettings;
}

/** The workspace and widget settings behind a widget key, or null for an unknown key. */
export async function widgetContext(widgetKey: string): Promise<WidgetContext | null> {
  const s = services();
  const [workspace] = await s.db.select({ id: workspaces.id, name: workspaces.name }).from(workspaces).where(eq(workspaces.widgetKey, widgetKey));
  if (!workspace) return null;
  return { workspaceId: workspace.id, workspaceName: workspace.name, widget: await s.settings.value(workspace.id, 'widget') };
}

/** The header's "we reply in …" from agents online, working hours and recent first-response times. */
export async function currentReplyExpectation(workspaceId: string, at = new Date()): Promise<ReplyExpectation> {
  const s = services();
  const [onlineAgents, workingHours, firstResponseSeconds] = await Promise.all([
    onlineAgentNames(s.db, s.routing, workspaceId),
    s.settings.value(workspaceId, 'workingHours'),
    recentFirstResponseSeconds(s.db, workspaceId, at),
  ]);
  return replyExpectation({ onlineAgents, workingHours, at, firstResponseSeconds });
}
