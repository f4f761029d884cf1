import type { ConversationDto, MessageDto } from '../conversations/types';
import { formatBytes } from '../attachments/policy';
import type { ConversationService } from '../conversations/service';

/** Every message of a conversation, in order (history pages of 200). */
export async function fullHistory(conversations: ConversationService, workspaceId: string, conversationId: string): Promise<MessageDto[]> {
  const all: MessageDto[] = [];
  for (let afterSeq = 0; ; ) {
    const page = await conversations.history(workspaceId, conversationId, { afterSeq });
    all.push(...page);
    if (page.length < 200) return all;
    afterSeq = page[page.length - 1].seq;
  }
}

function who(m: MessageDto, c: ConversationDto): string {
  if (m.senderType === 'system') return 'System';
  if (m.senderType === 'visitor') return m.senderName ?? c.visitorName ?? 'Visitor';
  return m.senderName ?? 'Agent';
}

const stamp = (iso: string) => iso.replace('T', ' ').slice(0, 19) + ' UTC';

/** A plain-text transcript: header, then one block per message (files as name, size and link). */
export function transcriptText(c: ConversationDto, messages: MessageDto[]): string {
  const lines = [
    `Conversation ${c.id}`,
    `Visitor: ${c.visitorName ?? 'Anonymous visitor'}`,
    `Agent: ${c.agentName ?? '-'}`,
    `Started: ${stamp(c.startedAt)}${c.endedAt ? `   Ended: ${stamp(c.endedAt)}` : ''}`,
    '',
  ];
  for (const m of messages) {
    lines.push(`[${stamp(m.createdAt)}] ${who(m, c)}: ${m.body}`);
    for (const a of m.attachments ?? []) lines.push(`    (file) ${a.name}, ${formatBytes(a.size)}: ${a.url}`);
  }
  return `${lines.join('\n')}\n`;
}

const escape = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** A self-contained HTML transcript (no scripts, no external resources), printable. */
export function transcriptHtml(c: ConversationDto, messages: MessageDto[]): string {
  const rows = messages
    .map((m) => {
      const files = (m.attachments ?? []).map((a) => `<div class="file"><a href="${escape(a.url)}">${escape(a.name)}</a> · ${escape(formatBytes(a.size))}</div>`).join('');
      return `<div class="msg ${m.senderType}"><div class="meta">${escape(who(m, c))} · ${escape(stamp(m.createdAt))}</div>${m.body ? `<div class="body">${escape(m.body)}</div>` : ''}${files}</div>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Transcript – ${escape(c.visitorName ?? 'Visitor')}</title>
<style>body{font:14px/1.5 system-ui,sans-serif;max-width:760px;margin:24px auto;padding:0 16px;color:#0f172a}h1{font-size:18px}
.head{color:#475569;margin-bottom:16px}.msg{margin:10px 0;padding:8px 12px;border-radius:10px;background:#f1f5f9}
.msg.agent{background:#eef2ff}.msg.system{background:none;color:#64748b;font-size:12px;text-align:center}
.meta{font-size:12px;color:#64748b}.body{white-space:pre-wrap;word-break:break-word}.file{font-size:13px}</style></head>
<body><h1>Conversation with ${escape(c.visitorName ?? 'an anonymous visitor')}</h1>
<div class="head">Agent: ${escape(c.agentName ?? '-')} · Started ${escape(stamp(c.startedAt))}${c.endedAt ? ` · Ended ${escape(stamp(c.endedAt))}` : ''}</div>
${rows}
</body></html>
`;
}
