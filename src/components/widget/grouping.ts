import type { UiMessage } from '@/components/chat/messages';

export interface MessageGroup {
  key: string;
  senderType: UiMessage['senderType'];
  senderName: string | null;
  messages: UiMessage[];
}

const minuteOf = (iso: string) => Math.floor(new Date(iso).getTime() / 60_000);

/** Consecutive messages of the same sender within the same minute form one group (one name, one time). */
export function groupMessages(messages: readonly UiMessage[]): MessageGroup[] {
  const groups: MessageGroup[] = [];
  for (const m of messages) {
    const last = groups[groups.length - 1];
    const prev = last?.messages[last.messages.length - 1];
    const same =
      prev &&
      m.senderType !== 'system' &&
      prev.senderType === m.senderType &&
      (prev.senderId ?? prev.senderName) === (m.senderId ?? m.senderName) &&
      minuteOf(prev.createdAt) === minuteOf(m.createdAt);
    if (same) last.messages.push(m);
    else groups.push({ key: m.id || m.clientMsgId || `${groups.length}`, senderType: m.senderType, senderName: m.senderName, messages: [m] });
  }
  return groups;
}

export function initials(name: string | null | undefined): string {
  const words = (name ?? '').trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return '?';
  return (words[0][0] + (words.length > 1 ? words[words.length - 1][0] : '')).toUpperCase();
}
