'use client';

import type { ConversationDto } from '@/domain/conversations/types';
import type { TagDto } from '@/domain/tags/service';
import { cn } from '@/components/ui/cn';

export interface Preview {
  body: string;
  senderType: string;
  createdAt: string;
}

export function visitorLabel(c: Pick<ConversationDto, 'visitorName' | 'visitorId'> & { visitorEmail?: string | null }): string {
  return c.visitorName ?? c.visitorEmail ?? `Visitor ${c.visitorId.slice(0, 8)}`;
}

/** Since when the visitor waits for a reply (their message is the last one), else null. */
export function waitingSince(c: ConversationDto, preview: Preview | undefined): number | null {
  if (c.status === 'ended') return null;
  if (!preview) return c.status === 'active' ? Date.parse(c.assignedAt ?? c.startedAt) : null;
  return preview.senderType === 'visitor' ? Date.parse(preview.createdAt) : null;
}

/** Longest-waiting visitors first, then the rest by latest activity. */
export function sortByWaiting(items: ConversationDto[], previews: Record<string, Preview>): ConversationDto[] {
  return [...items].sort((a, b) => {
    const wa = waitingSince(a, previews[a.id]);
    const wb = waitingSince(b, previews[b.id]);
    if (wa !== null && wb !== null) return wa - wb;
    if (wa !== null) return -1;
    if (wb !== null) return 1;
    const la = Date.parse(previews[a.id]?.createdAt ?? a.startedAt);
    const lb = Date.parse(previews[b.id]?.createdAt ?? b.startedAt);
    return lb - la;
  });
}

function ago(since: number, now: number): string {
  const minutes = Math.max(0, Math.floor((now - since) / 60_000));
  if (minutes < 1) return 'now';
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return hours < 48 ? `${hours} h` : `${Math.floor(hours / 24)} d`;
}

export function TagChip({ tag, small }: { tag: TagDto; small?: boolean }) {
  return (
    <span className={cn('inline-flex max-w-full items-center truncate rounded-full font-medium text-white', small ? 'px-1.5 text-[10px] leading-4' : 'px-2 py-0.5 text-xs')} style={{ backgroundColor: tag.color }} data-testid="tag-chip">
      {tag.name}
    </span>
  );
}

/** One group of the conversation list ("My chats", "Recently ended", …). */
export function ConversationGroup({
  testId,
  title,
  items,
  selectedId,
  unread,
  typing,
  previews,
  tags,
  now,
  onSelect,
  empty,
  loading,
  subtitle,
}: {
  title: string;
  items: ConversationDto[];
  selectedId: string | null;
  unread: Record<string, number>;
  typing: Record<string, boolean>;
  previews: Record<string, Preview>;
  tags: Record<string, TagDto[]>;
  now: number;
  onSelect: (id: string) => void;
  empty: string;
  loading: boolean;
  testId?: string;
  subtitle?: (c: ConversationDto) => string;
}) {
  return (
    <section className="border-b border-slate-100 py-2" data-testid={testId}>
      <h2 className="px-4 py-1 text-xs font-semibold uppercase tracking-wide text-slate-500">
        {title} {items.length ? `(${items.length})` : ''}
      </h2>
      {loading ? <p className="px-4 py-2 text-sm text-slate-400">Loading…</p> : null}
      {!loading && items.length === 0 && empty ? <p className="px-4 py-2 text-sm text-slate-500">{empty}</p> : null}
      <ul>
        {items.map((c) => {
          const preview = previews[c.id];
          const waiting = waitingSince(c, preview);
          const count = unread[c.id] ?? 0;
          return (
            <li key={c.id}>
              <button
                type="button"
                onClick={() => onSelect(c.id)}
                aria-current={c.id === selectedId ? 'true' : undefined}
                aria-label={`${visitorLabel(c)}${count ? `, ${count} unread` : ''}`}
                className={cn(
                  'flex w-full items-start gap-2 px-4 py-2.5 text-left text-sm hover:bg-slate-50 focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-indigo-600',
                  c.id === selectedId && 'bg-indigo-50',
                )}
                data-testid="conversation-item"
              >
                <span className="min-w-0 flex-1">
                  <span className="flex items-baseline justify-between gap-2">
                    <span className={cn('truncate text-slate-900', count ? 'font-semibold' : 'font-medium')}>{visitorLabel(c)}</span>
                    {waiting !== null ? (
                      <span className={cn('shrink-0 text-xs', now - waiting > 120_000 ? 'font-medium text-red-600' : 'text-slate-500')} title="Waiting for a reply">
                        {ago(waiting, now)}
                      </span>
                    ) : null}
                  </span>
                  {c.visitorEmail && c.visitorName ? <span className="block truncate text-xs text-slate-500">{c.visitorEmail}</span> : null}
                  <span className="block truncate text-xs text-slate-600" data-testid="conversation-preview">
                    {typing[c.id] ? <em className="text-indigo-700">typing…</em> : subtitle ? subtitle(c) : preview ? `${preview.senderType === 'agent' ? 'You: ' : ''}${preview.body}` : 'No messages yet'}
                  </span>
                  {/* The page the visitor started on: which product or help page they were looking at. */}
                  {c.entryUrl ? (
                    <span className="block truncate text-[11px] text-slate-500" data-testid="conversation-page">
                      {c.entryUrl}
                    </span>
                  ) : null}
                  {tags[c.id]?.length ? (
                    <span className="mt-1 flex flex-wrap gap-1">
                      {tags[c.id].map((t) => (
                        <TagChip key={t.id} tag={t} small />
                      ))}
                    </span>
                  ) : null}
                </span>
                {count ? (
                  <span className="mt-0.5 shrink-0 rounded-full bg-indigo-600 px-2 text-xs font-medium text-white" data-testid="unread-badge">
                    {count}
                  </span>
                ) : null}
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
