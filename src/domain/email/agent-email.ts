import { createElement } from 'react';
import { queueEmail, type Executor } from './outbox';
import { NOTIFICATION_LABELS, unsubscribeUrl, type NotificationKind } from './preferences';
import { renderEmail } from './render';
import { AgentNotificationEmail, type DigestMessage } from './templates/agent-notification';
import type { Brand } from './templates/layout';

/**
 * Renders and queues one agent notification email (digest or new left message): the shared template, the
 * one-click unsubscribe of its kind (RFC 8058 headers), the link to the preferences. True when queued now
 * (false: the idempotency key was queued before).
 */
export async function queueAgentEmail(
  tx: Executor,
  email: {
    workspaceId: string;
    brand: Brand;
    agent: { id: string; name: string; email: string };
    kind: NotificationKind;
    headline: string;
    lines: string[];
    messages: DigestMessage[];
    link: string;
    actionLabel?: string;
    idempotencyKey: string;
  },
  web: { publicWebUrl: string; authSecret: string },
): Promise<boolean> {
  const base = web.publicWebUrl.replace(/\/$/, '');
  const unsubscribe = unsubscribeUrl(base, web.authSecret, email.agent.id, email.kind);
  const rendered = await renderEmail(
    email.headline,
    createElement(AgentNotificationEmail, {
      brand: email.brand,
      agentName: email.agent.name,
      headline: email.headline,
      lines: email.lines,
      messages: email.messages,
      link: email.link,
      actionLabel: email.actionLabel,
      unsubscribeUrl: unsubscribe,
      unsubscribeLabel: `Stop emails like this (“${NOTIFICATION_LABELS[email.kind]}”)`,
      preferencesUrl: `${base}/account/notifications`,
    }),
  );
  return queueEmail(tx, {
    ...rendered,
    workspaceId: email.workspaceId,
    idempotencyKey: email.idempotencyKey,
    kind: `notify_${email.kind}`,
    fromName: email.brand.workspaceName,
    to: email.agent.email,
    headers: { 'List-Unsubscribe': `<${unsubscribe}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
  });
}
