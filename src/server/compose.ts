import { randomBytes } from 'node:crypto';
import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { Db } from '../db/client';
import { loadRoutingProfiles } from '../domain/accounts/routing-profile';
import { AccountsService } from '../domain/accounts/service';
import type { AttachmentService } from '../domain/attachments/service';
import type { BlobStore } from '../domain/attachments/storage';
import { BanService } from '../domain/bans/service';
import { CannedReplyService } from '../domain/canned/service';
import type { ChatNotifier } from '../domain/chat/notifier';
import { ChatService } from '../domain/chat/service';
import type { ChatTimers } from '../domain/chat/timers';
import { ConversationService } from '../domain/conversations/service';
import { CustomerService } from '../domain/crm/service';
import { moderationChannel, ModerationService } from '../domain/moderation/service';
import { MonitoringService } from '../domain/monitoring/service';
import { OnboardingService } from '../domain/onboarding/service';
import { ProfileService } from '../domain/accounts/profile';
import { NotesService } from '../domain/notes/service';
import { RoutingEngine } from '../domain/routing/engine';
import { assertRoutingReferences } from '../domain/routing/references';
import { SatisfactionService } from '../domain/satisfaction/service';
import { SearchService } from '../domain/search/service';
import { sectionEffects, SettingsSections } from '../domain/settings/sections';
import { SettingsService } from '../domain/settings/service';
import { SubmissionService } from '../domain/submissions/service';
import { TagService } from '../domain/tags/service';
import { VisitorContextService } from '../domain/visitors/context';
import { assertSafeTarget } from '../domain/webhooks/address';
import { WebhookService } from '../domain/webhooks/service';
import { PrechatService } from '../domain/widget/prechat';
import { GreetingService } from '../domain/greetings/service';
import { PrivacyService } from '../domain/privacy/service';
import { bullChatTimers, CHAT_TIMERS_QUEUE, type ChatTimerJob } from '../infra/jobs';
import { emitterNotifier } from '../infra/notifier';
import { attachmentService } from '../infra/storage/config';
import { subscribeAgentNotifications } from '../domain/email/agent-notify';
import { submissionReplyEmailer } from '../domain/email/submission-reply';
import { subscribeAutoTranscript } from '../domain/email/auto-transcript';
import { subscribeSubmissionNotifications } from '../domain/email/submission-notify';
import { subscribeUnseenReplies } from '../domain/email/unseen-replies';
import type { VisitorEmailConfig } from '../domain/email/visitor-transcript';
import { agentNotifyScheduler } from '../infra/mail/notify-queue';
import { guardEmitter } from '../lib/dependencies';
import { logger } from '../lib/logger';
import { RedisKeys } from '../lib/redis';

export interface ComposeConfig {
  db: Db;
  redis: Redis;
  redisPrefix: string;
  /** Signs attachment links. A process that never hands links out (the worker in tests) may omit it. */
  authSecret?: string;
  /** Base of signed attachment links (the web app serves /api/files). */
  publicWebUrl?: string;
  /** Attachment storage override (tests); otherwise from the environment (src/infra/storage/config.ts). */
  attachmentStore?: BlobStore;
  /** How this process reaches sockets: realtime passes its Server-backed notifier; default: the Redis emitter. */
  notifier?: (keys: RedisKeys) => ChatNotifier;
  /** Webhook targets on private addresses (WEBHOOK_ALLOW_PRIVATE_TARGETS; tests and trusted networks only). */
  allowPrivateWebhookTargets?: boolean;
}

/** Agent tools (issue 15): notes, canned replies, tags, the visitor context panel and bans. */
export interface AgentTools {
  notes: NotesService;
  canned: CannedReplyService;
  tags: TagService;
  context: VisitorContextService;
  bans: BanService;
}

/** One process's services, built once: web (server/web.ts), realtime (realtime/server.ts) and worker (worker/worker.ts). */
export interface Composition {
  db: Db;
  redis: Redis;
  keys: RedisKeys;
  accounts: AccountsService;
  settings: SettingsService;
  conversations: ConversationService;
  routing: RoutingEngine;
  timers: ChatTimers;
  timerQueue: Queue<ChatTimerJob>;
  notifier: ChatNotifier;
  submissions: SubmissionService;
  moderation: ModerationService;
  monitoring: MonitoringService;
  /** The console's first-run checklist and today's figures (issue 21). */
  onboarding: OnboardingService;
  /** A signed-in user's own account: name, avatar colour, password (issue 21). */
  profiles: ProfileService;
  attachments: AttachmentService;
  customers: CustomerService;
  satisfaction: SatisfactionService;
  tools: AgentTools;
  /** The widget's pre-chat form (issue 14): whether a visitor still has to fill it in, checking and saving answers. */
  prechat: PrechatService;
  /** Proactive greetings: frequency cap, counts, the greeting as a chat's first message (issue 26). */
  greetings: GreetingService;
  /** Signing secret, sender and inbound domain of the emails to visitors (F15). */
  visitorEmail: () => VisitorEmailConfig;
  /** The chat use cases, their event seam and listeners (monitor feed, aftercare). */
  chat: ChatService;
  /** Data rights (export, erase) and the retention policy (issue 22). */
  privacy: PrivacyService;
  /** Conversation search and transcripts' access check (F11). */
  search: SearchService;
  /** Webhook endpoints, secrets, send test and the delivery log (console). */
  webhooks: WebhookService;
  /** The console's settings save path: every section's checks and live effects. */
  settingsSections: SettingsSections;
  /**
   * Applies console changes to live routing at once: limits (override or workspace default), groups and
   * deactivation, then lets the queue move. All agents of the workspace when `agentIds` is omitted.
   */
  syncRouting(workspaceId: string, agentIds?: string[]): Promise<void>;
  /** Subscribes to settings and word-list invalidations (processes that keep caches: realtime, worker). */
  listen(subscriber: Redis): Promise<void>;
  close(): Promise<void>;
}

/** How long an agent with no workspace tab stays away before a notification email (F15); default 2 minutes. */
function agentEmailDelayMs(): number {
  const value = Number(process.env.AGENT_EMAIL_DELAY_MS);
  return Number.isFinite(value) && value > 0 ? value : 120_000;
}

export function compose(config: ComposeConfig): Composition {
  const { db, redis } = config;
  const keys = new RedisKeys(config.redisPrefix);
  const settings = new SettingsService(db, redis, keys.settingsChannel());
  const timerQueue = guardEmitter(new Queue<ChatTimerJob>(CHAT_TIMERS_QUEUE, { connection: redis, prefix: keys.bullPrefix() }), 'chat timers queue');
  const timers = bullChatTimers(timerQueue, redis);
  const notifier = config.notifier ? config.notifier(keys) : emitterNotifier(redis, keys.socketIoAdapter());
  // Links signed with a throw-away secret are never valid for anyone: only a process without one (worker) gets it.
  const authSecret = config.authSecret ?? randomBytes(32).toString('hex');
  const attachments = attachmentService(db, settings, authSecret, config.publicWebUrl ?? 'http://localhost:3000', process.env, config.attachmentStore);
  const conversations = new ConversationService(db, (w, c, page) => attachments.decorate(w, c, page));
  const routing = new RoutingEngine(redis, config.redisPrefix);
  const submissions = new SubmissionService(db, redis, settings, config.redisPrefix);
  // F15: a reply to a left message is emailed to the visitor (queued in the reply's transaction).
  const visitorEmailConfig = (): VisitorEmailConfig => ({ authSecret, fromAddress: process.env.MAIL_FROM || 'noreply@localhost', inboundDomain: process.env.EMAIL_INBOUND_DOMAIN ?? '' });
  submissions.emailRepliesWith(submissionReplyEmailer(db, settings, visitorEmailConfig));
  const moderation = new ModerationService(db, redis, moderationChannel(config.redisPrefix), settings);
  const monitoring = new MonitoringService(db, routing, conversations, settings);
  const customers = new CustomerService(db);
  const satisfaction = new SatisfactionService(db, settings);
  const onboarding = new OnboardingService(db, settings);
  const tools: AgentTools = { notes: new NotesService(db), canned: new CannedReplyService(db), tags: new TagService(db), context: new VisitorContextService(db, onboarding), bans: new BanService(db) };
  const prechat = new PrechatService(db, settings);
  const greetings = new GreetingService(db, settings, conversations);
  const chat = new ChatService({ db, conversations, routing, settings, notifier, timers, submissions, moderation, monitoring, attachments, tags: tools.tags, customers, satisfaction, prechat, greetings });
  // Agent notification emails (F15) listen to the chat's events; the worker sends them (src/worker/email-notify.ts).
  const agentNotify = agentNotifyScheduler(redis, keys.bullPrefix());
  subscribeAgentNotifications(chat.events, {
    redis,
    redisPrefix: config.redisPrefix,
    socketCount: (w, a) => routing.socketCount(w, a),
    assignee: async (w, c) => (await conversations.get(w, c))?.agentId ?? null,
    schedule: (job, delayMs) => agentNotify.schedule(job, delayMs),
    delayMs: agentEmailDelayMs(),
    onError: (error) => logger.warn({ err: error }, 'agent notification not scheduled'),
  });
  // F15: a new left message is emailed to its group's agents who are away (all agents without a group).
  subscribeSubmissionNotifications(chat.events, {
    db,
    socketCount: (w, a) => routing.socketCount(w, a),
    schedule: (job, delayMs) => agentNotify.scheduleSubmission(job, delayMs),
    delayMs: agentEmailDelayMs(),
    onError: (error) => logger.warn({ err: error }, 'submission notification not scheduled'),
  });
  // F15: agent messages the visitor has not seen for the End of Chat delay are emailed to them.
  subscribeUnseenReplies(chat.events, {
    settings,
    schedule: (job, delayMs) => agentNotify.scheduleUnseen(job, delayMs),
    onError: (error) => logger.warn({ err: error }, 'unseen reply email not scheduled'),
  });
  // F15: the transcript emailed when a chat with a known visitor email ends (End of Chat setting, off by default).
  subscribeAutoTranscript(chat.events, { db, conversations, settings, config: visitorEmailConfig, onError: (error) => logger.warn({ err: error }, 'automatic transcript not queued') });
  // Submissions publish their own domain events on the chat's seam (the socket feed pushes them).
  submissions.publishTo(chat.events);
  const allowPrivateTargets = config.allowPrivateWebhookTargets ?? false;
  const syncRouting = async (workspaceId: string, agentIds?: string[]): Promise<void> => {
    const profiles = (await loadRoutingProfiles(db, workspaceId)).filter((p) => !agentIds || agentIds.includes(p.id));
    await chat.agents.refreshAgents(workspaceId, profiles);
  };
  const settingsSections = new SettingsSections(
    settings,
    sectionEffects({
      assertRoutingReferences: (workspaceId, section, value) => assertRoutingReferences(db, workspaceId, section, value),
      // Every URL in a `webhook` section value must be a safe target.
      assertWebhookTargets: async (value) => {
        const v = (value ?? {}) as Record<string, { url?: unknown } | undefined>;
        for (const key of ['offlineMessages', 'events', 'push']) {
          const url = v[key]?.url;
          if (typeof url === 'string' && url.trim()) await assertSafeTarget(url.trim(), allowPrivateTargets);
        }
      },
      routingChanged: (workspaceId) => syncRouting(workspaceId),
      reorderPool: (workspaceId, order) => routing.rescorePool(workspaceId, order),
    }),
  );
  const privacy = new PrivacyService({
    db,
    redis,
    redisPrefix: config.redisPrefix,
    deleteBlobs: (blobKeys) => attachments.deleteBlobs(blobKeys),
    decorate: (workspaceId, conversationId, page) => attachments.decorate(workspaceId, conversationId, page),
    endConversation: (workspaceId, conversationId) => chat.lifecycle.endConversation(workspaceId, conversationId, 'system'),
  });
  return {
    db,
    redis,
    keys,
    accounts: new AccountsService(db),
    settings,
    conversations,
    routing,
    timers,
    timerQueue,
    notifier,
    submissions,
    moderation,
    monitoring,
    onboarding,
    profiles: new ProfileService(db),
    attachments,
    customers,
    satisfaction,
    tools,
    prechat,
    greetings,
    visitorEmail: visitorEmailConfig,
    chat,
    privacy,
    search: new SearchService(db),
    webhooks: new WebhookService(db, settings, { allowPrivateTargets }),
    settingsSections,
    syncRouting,
    async listen(subscriber) {
      await settings.listen(subscriber);
      await moderation.listen(subscriber);
    },
    async close() {
      chat.dispose();
      await Promise.all([timerQueue.close(), agentNotify.queue.close()]);
    },
  };
}
