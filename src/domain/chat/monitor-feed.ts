import type { ConversationService } from '../conversations/service';
import type { ConversationDto, MessageDto } from '../conversations/types';
import type { MonitoringService } from '../monitoring/service';
import type { SettingsService } from '../settings/service';
import type { ChatEventMap, ChatEvents } from './events';
import type { ChatNotifier, MonitorEvents } from './notifier';
import type { ChatTimers } from './timers';

const ACTIVITY_THROTTLE_MS = 1000;

/**
 * Live monitoring (F7) as a listener of the chat events: dashboard deltas for `/monitor`, stored alerts
 * (sensitive words, long waits, reply timeouts) and the long-wait timer. The chat core does not know it.
 */
export class MonitorFeed {
  /** The dashboard's "last message" per conversation: at most one update per conversation per second. */
  private readonly activityThrottle = new Map<string, { timer: ReturnType<typeof setTimeout>; pending: MonitorEvents['monitor.activity'] | null }>();

  constructor(
    private readonly parts: { conversations: ConversationService; monitoring: MonitoringService; settings: SettingsService; notifier: ChatNotifier; timers: ChatTimers },
  ) {}

  subscribe(events: ChatEvents): void {
    const conversation = ({ workspaceId, conversation }: { workspaceId: string; conversation: ConversationDto }) => this.parts.notifier.toMonitor(workspaceId, 'monitor.conversation', conversation);
    events.on('conversation.started', conversation);
    events.on('conversation.assigned', conversation);
    events.on('conversation.changed', conversation);
    events.on('conversation.transferred', conversation);
    events.on('conversation.ended', conversation);
    events.on('conversation.reopened', conversation);
    events.on('conversation.queued', ({ workspaceId, conversationId }) => this.scheduleLongWait(workspaceId, conversationId));
    events.on('conversation.reply_timed_out', (e) => this.alertReplyTimeout(e));
    events.on('message.created', ({ workspaceId, message }) => this.monitorActivity(workspaceId, { conversationId: message.conversationId, lastMessage: lastMessage(message) }));
    events.on('sensitive_word.hit', (e) => this.raiseHits(e));
    events.on('queue.changed', async ({ workspaceId, queues }) => this.parts.notifier.toMonitor(workspaceId, 'monitor.queues', { queues: await this.parts.monitoring.queueStats(workspaceId, queues) }));
    events.on('agent.presence', ({ workspaceId, agentId, presence }) => this.parts.notifier.toMonitor(workspaceId, 'monitor.agent', { id: agentId, ...presence }));
  }

  /** Timer (worker): a chat still queued after the monitoring threshold raises a long-wait alert. */
  async onLongWait(workspaceId: string, conversationId: string, seconds: number): Promise<'alerted' | 'not_queued'> {
    const conversation = await this.parts.conversations.get(workspaceId, conversationId);
    if (!conversation || conversation.status !== 'queued') return 'not_queued';
    const minutes = seconds >= 120 ? `${Math.round(seconds / 60)} min` : `${seconds} s`;
    await this.raiseAlert(workspaceId, { conversationId, kind: 'long_wait', text: `${conversation.visitorName ?? 'A visitor'} has waited in the queue for over ${minutes}`, detail: { seconds } });
    return 'alerted';
  }

  /** Drops pending dashboard updates (process shutdown): their timers must not fire on closed connections. */
  dispose(): void {
    for (const { timer } of this.activityThrottle.values()) clearTimeout(timer);
    this.activityThrottle.clear();
  }

  /** The latest activity is sent when the throttle second is over: a busy chat does not cost a broadcast per message. */
  private monitorActivity(workspaceId: string, activity: MonitorEvents['monitor.activity']): void {
    const throttled = this.activityThrottle.get(activity.conversationId);
    if (throttled) {
      throttled.pending = activity;
      return;
    }
    this.parts.notifier.toMonitor(workspaceId, 'monitor.activity', activity);
    const entry = {
      pending: null as MonitorEvents['monitor.activity'] | null,
      timer: setTimeout(() => {
        this.activityThrottle.delete(activity.conversationId);
        if (entry.pending) this.monitorActivity(workspaceId, entry.pending);
      }, ACTIVITY_THROTTLE_MS),
    };
    entry.timer.unref?.();
    this.activityThrottle.set(activity.conversationId, entry);
  }

  private async raiseHits({ workspaceId, conversationId, messageId, side, senderId, verdict }: ChatEventMap['sensitive_word.hit']): Promise<void> {
    if (!verdict.action) return;
    const alerts = await this.parts.monitoring.recordHits(workspaceId, { conversationId, messageId, side, senderId, words: verdict.words, action: verdict.action });
    for (const alert of alerts) this.parts.notifier.toMonitor(workspaceId, 'monitor.alert', alert);
  }

  private async raiseAlert(workspaceId: string, alert: Parameters<MonitoringService['recordAlert']>[1]): Promise<void> {
    this.parts.notifier.toMonitor(workspaceId, 'monitor.alert', await this.parts.monitoring.recordAlert(workspaceId, alert));
  }

  private async scheduleLongWait(workspaceId: string, conversationId: string): Promise<void> {
    const { longWaitSeconds } = await this.parts.settings.value(workspaceId, 'monitoring');
    if (longWaitSeconds > 0) await this.parts.timers.longWait(workspaceId, conversationId, longWaitSeconds * 1000, longWaitSeconds);
  }

  private async alertReplyTimeout({ workspaceId, conversation, agentId }: ChatEventMap['conversation.reply_timed_out']): Promise<void> {
    const [{ replyTimeoutAlerts }, { autoTransfer }] = await Promise.all([this.parts.settings.value(workspaceId, 'monitoring'), this.parts.settings.value(workspaceId, 'assignment')]);
    if (!replyTimeoutAlerts) return;
    await this.raiseAlert(workspaceId, {
      conversationId: conversation.id,
      kind: 'reply_timeout',
      agentId,
      text: `${conversation.agentName ?? 'The agent'} did not reply to ${conversation.visitorName ?? 'a visitor'} within ${autoTransfer.seconds} s`,
      detail: { seconds: autoTransfer.seconds },
    });
  }
}

/** The dashboard's preview of a message; "📎 photo.jpg" for a message that is only files. */
function lastMessage(message: MessageDto): MonitorEvents['monitor.activity']['lastMessage'] {
  const files = message.attachments?.length ? `📎 ${message.attachments.map((a) => a.name).join(', ')}` : '';
  return { senderType: message.senderType, senderName: message.senderName, body: (message.body || files).slice(0, 200), createdAt: message.createdAt };
}
