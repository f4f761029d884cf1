import type { ConversationService } from '../conversations/service';
import type { RoutingEngine } from '../routing/engine';
import type { SettingsService } from '../settings/service';
import type { ChatEventPublisher } from './events';
import type { ChatNotifier } from './notifier';
import type { ChatTimers } from './timers';

/** What every chat use case works with: storage, routing state, settings, and the three outward ports. */
export interface ChatPorts {
  conversations: ConversationService;
  routing: RoutingEngine;
  settings: SettingsService;
  /** Tells connected clients (Socket.IO in realtime, Redis emitter elsewhere). */
  notifier: ChatNotifier;
  /** Durable timers (BullMQ delayed jobs). */
  timers: ChatTimers;
  /** Domain events for monitoring and aftercare, published after a change committed. */
  events: ChatEventPublisher;
}
