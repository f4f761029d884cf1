import type { GreetingService } from '../greetings/service';
import type { Db } from '../../db/client';
import type { AttachmentService } from '../attachments/service';
import type { ConversationService } from '../conversations/service';
import type { CustomerService } from '../crm/service';
import type { ModerationService } from '../moderation/service';
import type { MonitoringService } from '../monitoring/service';
import { WaitingChats } from '../queue/service';
import type { RoutingEngine } from '../routing/engine';
import type { SatisfactionService } from '../satisfaction/service';
import type { SettingsService } from '../settings/service';
import type { SubmissionService } from '../submissions/service';
import type { TagService } from '../tags/service';
import type { PrechatService } from '../widget/prechat';
import { ChatAbandonment } from './abandon';
import { ChatAftercare } from './aftercare';
import { Assignments } from './assignment';
import { StaffDirectory } from './directory';
import { ChatEvents } from './events';
import { ChatLifecycle } from './lifecycle';
import { ChatMessages } from './messages';
import { MonitorFeed } from './monitor-feed';
import type { ChatNotifier } from './notifier';
import { ChatOffers } from './offers';
import { ChatReopening } from './reopen';
import type { ChatPorts } from './ports';
import { AgentAvailability, PresenceFeed } from './presence';
import { ChatStarts } from './start';
import type { ChatTimers } from './timers';
import { SocketFeed } from './socket-feed';
import { ChatTransfers } from './transfer';

export type { QueueStatus, RoutingProfile, StaffActor, StartInput, StartResult } from './types';

/** Everything the chat core is built from (one composition root per process: src/server/compose.ts). */
export interface ChatDeps {
  db: Db;
  conversations: ConversationService;
  routing: RoutingEngine;
  settings: SettingsService;
  notifier: ChatNotifier;
  timers: ChatTimers;
  submissions: SubmissionService;
  moderation: ModerationService;
  monitoring: MonitoringService;
  attachments: AttachmentService;
  tags: TagService;
  customers: CustomerService;
  satisfaction: SatisfactionService;
  /** The widget's pre-chat form: answers checked and saved before a chat starts (issue 14). */
  prechat: PrechatService;
  /** Proactive greetings: an answered greeting becomes the first message of the chat (issue 26). */
  greetings?: GreetingService;
}

/**
 * The chat core, by use case: starting and routing (`start`), waiting chats (`queue`), messages, the end of
 * a chat (`lifecycle`), transfers, agent availability, and the listeners (monitor feed, aftercare) wired to
 * one event seam. Nothing here knows about sockets, HTTP or BullMQ.
 */
export class ChatService {
  readonly events = new ChatEvents();
  readonly directory: StaffDirectory;
  readonly presenceFeed: PresenceFeed;
  readonly queue: WaitingChats;
  readonly offers: ChatOffers;
  readonly start: ChatStarts;
  readonly messages: ChatMessages;
  readonly lifecycle: ChatLifecycle;
  readonly abandonment: ChatAbandonment;
  readonly reopening: ChatReopening;
  readonly transfers: ChatTransfers;
  readonly agents: AgentAvailability;
  readonly monitorFeed: MonitorFeed;
  readonly aftercare: ChatAftercare;

  constructor(deps: ChatDeps) {
    const ports: ChatPorts = { conversations: deps.conversations, routing: deps.routing, settings: deps.settings, rooms: deps.notifier, timers: deps.timers, events: this.events };
    this.directory = new StaffDirectory(deps.db, deps.routing);
    this.presenceFeed = new PresenceFeed(deps.routing, this.events);
    const assignments = new Assignments(ports, this.presenceFeed);
    this.queue = new WaitingChats(ports, assignments);
    this.offers = new ChatOffers(ports, deps.submissions);
    this.start = new ChatStarts(ports, this.queue, assignments, this.offers, { directory: this.directory, tags: deps.tags, customers: deps.customers, prechat: deps.prechat, greetings: deps.greetings });
    this.messages = new ChatMessages(ports, deps.moderation, deps.attachments);
    this.lifecycle = new ChatLifecycle(ports, this.queue, this.presenceFeed, this.offers);
    this.abandonment = new ChatAbandonment(ports, this.lifecycle);
    this.reopening = new ChatReopening(ports, this.presenceFeed);
    this.transfers = new ChatTransfers(ports, this.queue, this.presenceFeed);
    this.agents = new AgentAvailability(ports, this.presenceFeed, this.queue);
    // Listeners, in the order their effects used to run: sockets first, then dashboards, then timers and ratings.
    new SocketFeed(deps.notifier).subscribe(this.events);
    this.monitorFeed = new MonitorFeed({ conversations: deps.conversations, monitoring: deps.monitoring, settings: deps.settings, notifier: deps.notifier, timers: deps.timers });
    this.monitorFeed.subscribe(this.events);
    this.aftercare = new ChatAftercare(deps.db, deps.conversations, deps.settings, this.events, deps.timers, deps.satisfaction, (w, c, b, p) => this.lifecycle.endConversation(w, c, b, p));
    this.aftercare.subscribe(this.events);
  }

  /** Process shutdown: pending dashboard updates must not fire on closed connections. */
  dispose(): void {
    this.monitorFeed.dispose();
  }
}
