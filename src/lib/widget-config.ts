import { eq } from 'drizzle-orm';
import { workspaces } from '@/db/schema';
import { onlineAgentNames, recentFirstResponseSeconds, replyExpectation, type ReplyExpectation } from '@/domain/widget/availability';
import type { WidgetSettings } from '@/domain/settings/schemas-widget';
import { PrechatService } from '@/domain/widget/prechat';
import type { PrechatForm } from '@/widget/prechat-form';
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

/** The pre-chat form as the widget iframe shows it (offered groups resolved to names), or null when it is off. */
export async function prechatForm(ctx: WidgetContext): Promise<PrechatForm | null> {
  const { prechat, defaultLanguage } = ctx.widget;
  if (!prechat.enabled) return null;
  const s = services();
  const options = await new PrechatService(s.db, s.settings).offeredGroups(ctx.workspaceId, prechat);
  const { groupIds: _ids, ...group } = prechat.group;
  return { ...prechat, group: { ...group, options }, defaultLanguage };
}
