import { ConversationService } from '../../src/domain/conversations/service';
import { SubmissionService } from '../../src/domain/submissions/service';
import { RedisKeys } from '../../src/lib/redis';
import type { RealtimeServer } from '../../src/realtime/server';
import { startEmailWorker, type EmailWorkerHandle } from '../../src/worker/email';
import { startAgentNotifyWorker } from '../../src/worker/email-notify';
import { TEST_AUTH_SECRET, type ChatHarness } from './chat';
import type { SmtpSink } from './smtp-sink';

/**
 * The worker's email side for integration tests, as src/worker/worker.ts wires it: the outbox sender
 * pointed at the test's SMTP sink (short retries) and the delayed notification jobs (agent digests, new
 * left messages, visitor unseen replies), with the test's auth secret and MAIL_FROM / EMAIL_INBOUND_DOMAIN.
 */
export async function startEmailWorkers(h: ChatHarness, node: RealtimeServer, sink: SmtpSink, options: { publicWebUrl?: string } = {}) {
  const bull = { prefix: new RedisKeys(h.prefix).bullPrefix() };
  const email: EmailWorkerHandle = await startEmailWorker(h.database.db, h.redis, bull, {
    smtpUrl: sink.url,
    fromAddress: 'noreply@chat.test',
    retryBaseMs: 200,
    maxAttempts: 5,
    pollMs: 50,
    stalledMs: 2000,
    sendTimeoutMs: 2000,
  });
  const notify = startAgentNotifyWorker(
    {
      db: h.database.db,
      redis: h.redis,
      redisPrefix: h.prefix,
      conversations: new ConversationService(h.database.db),
      submissions: new SubmissionService(h.database.db, h.redis, node.settings, h.prefix),
      settings: node.settings,
      socketCount: (w, a) => node.routing.socketCount(w, a),
      publicWebUrl: options.publicWebUrl ?? 'http://chat.test',
      authSecret: TEST_AUTH_SECRET,
      visitorEmail: () => ({ authSecret: TEST_AUTH_SECRET, fromAddress: process.env.MAIL_FROM || 'noreply@localhost', inboundDomain: process.env.EMAIL_INBOUND_DOMAIN ?? '' }),
    },
    bull,
  );
  return {
    email,
    async close() {
      await notify.close();
      await email.close();
    },
  };
}
