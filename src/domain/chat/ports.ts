import type { ConversationService } from '../conversations/service';
import type { RoutingEngine } from '../routing/engine';
import type { SettingsService } from '../settings/service';
import type { ChatEventPublisher } from './events';
import type { ChatRooms } from './notifier';
import type { ChatTimers } from './timers';

/** What every chat use case works with: storage, routing state, settings, and the three outward ports. */
export interface ChatPorts {
  conversations: ConversationService;
  routing: RoutingEngine;
  settings: SettingsService;
  /** Moves agents' sockets in and out of conversation rooms; telling clients is the socket feed's job (events). */
  rooms: ChatRooms;
  /** Durable timers (BullMQ delayed jobs). */
  timers: ChatTimers;
  /** Domain events for sockets, monitoring and aftercare, published after a change committed. */
  events: ChatEventPublisher;
}
