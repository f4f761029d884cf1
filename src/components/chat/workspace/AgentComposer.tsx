'use client';

import type { AttachmentDto } from '@/domain/conversations/types';
import type { UploadTarget } from '../attachments/upload';
import { useCallback, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { CannedReplyDto } from '@/domain/canned/service';
import type { NoteDto } from '@/domain/notes/service';
import { cn } from '@/components/ui/cn';
import { Composer, type ComposerApi } from '../Composer';
import { request } from '../socket';
import type { AgentSocket } from '../socket';
import { EmojiPicker } from './EmojiPicker';
import { Suggestions, type Suggestion } from './Suggestions';

type Mode = 'reply' | 'note';
interface Trigger {
  kind: '/' | '@';
  query: string;
  /** Where the trigger character sits in the text. */
  start: number;
}

/** `/query` at the very start (canned replies) or `@name` right before the caret (mentions, notes only). */
function findTrigger(text: string, caret: number, mode: Mode): Trigger | null {
  const slash = /^\/([\p{L}\p{N}_-]*)$/u.exec(text.slice(0, caret));
  if (mode === 'reply' && slash) return { kind: '/', query: slash[1], start: 0 };
  const at = /(^|\s)@([\p{L}\p{N}_.-]*)$/u.exec(text.slice(0, caret));
  if (mode === 'note' && at) return { kind: '@', query: at[2], start: caret - at[2].length - 1 };
  return null;
}

/**
 * The agent's composer: replies (with `/` canned replies and emoji) and internal notes (with `@mentions`),
 * built around the shared Composer. Suggestions are keyboard driven; the focus never leaves the text field.
 */
export function AgentComposer({
  socket,
  conversationId,
  canReply,
  canned,
  staff,
  selfId,
  onSend,
  onTyping,
  onNoteTyping,
  onNote,
  onError,
  onApi,
  attach,
}: {
  socket: AgentSocket | null;
  conversationId: string;
  canReply: boolean;
  canned: CannedReplyDto[];
  staff: { id: string; name: string }[];
  selfId: string;
  onSend: (body: string, attachments: AttachmentDto[]) => void;
  onTyping: (typing: boolean) => void;
  /** Writing a note starts/stops (collision guard, F17; never sent to the visitor). */
  onNoteTyping?: (typing: boolean) => void;
  onNote: (note: NoteDto) => void;
  onError: (message: string) => void;
  onApi?: (api: ComposerApi & { setMode: (mode: Mode) => void }) => void;
  /** Where reply files go (notes carry text only). */
  attach?: UploadTarget | null;
}) {
  const [mode, setMode] = useState<Mode>(canReply ? 'reply' : 'note');
  const [trigger, setTrigger] = useState<Trigger | null>(null);
  const [active, setActive] = useState(0);
  const apiRef = useRef<ComposerApi | null>(null);
  const textRef = useRef('');
  const mentioned = useRef(new Map<string, string>());
  const effectiveMode: Mode = canReply ? mode : 'note';

  const items: Suggestion[] = useMemo(() => {
    if (!trigger) return [];
    const q = trigger.query.toLowerCase();
    if (trigger.kind === '/') {
      return canned
        .filter((c) => c.shortcut.toLowerCase().includes(q) || c.body.toLowerCase().includes(q))
        .slice(0, 8)
        .map((c) => ({ id: c.id, title: `/${c.shortcut}${c.scope === 'personal' ? ' · personal' : ''}`, detail: c.body }));
    }
    return staff
      .filter((s) => s.id !== selfId && s.name.toLowerCase().includes(q))
      .slice(0, 8)
      .map((s) => ({ id: s.id, title: s.name }));
  }, [trigger, canned, staff, selfId]);

  const onReady = useCallback(
    (api: ComposerApi) => {
      apiRef.current = api;
      onApi?.({ ...api, setMode });
    },
    [onApi],
  );

  const pick = async (item: Suggestion) => {
    const api = apiRef.current;
    if (!api || !trigger) return;
    setTrigger(null);
    if (trigger.kind === '/') {
      if (!socket) return;
      const r = await request(socket, 'canned.render', { conversationId, id: item.id });
      if (r.ok) api.setText(r.body);
      else onError(r.error.message);
      return;
    }
    mentioned.current.set(item.title, item.id);
    const text = textRef.current;
    const end = trigger.start + 1 + trigger.query.length;
    api.setText(`${text.slice(0, trigger.start)}@${item.title} ${text.slice(end)}`);
  };

  const onKeyDownCapture = (event: KeyboardEvent<HTMLTextAreaElement>): boolean => {
    if (!trigger) return false;
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const n = Math.max(items.length, 1);
      setActive((i) => (i + (event.key === 'ArrowDown' ? 1 : n - 1)) % n);
      return true;
    }
    if ((event.key === 'Enter' || event.key === 'Tab') && items[active]) {
      event.preventDefault();
      void pick(items[active]);
      return true;
    }
    if (event.key === 'Escape') {
      event.preventDefault();
      setTrigger(null);
      return true;
    }
    return false;
  };

  const send = async (body: string, attachments: AttachmentDto[]) => {
    if (effectiveMode === 'reply') return onSend(body, attachments);
    if (!socket) return;
    // Mentions still written in the text (a removed "@Name" is no mention).
    const mentions = [...mentioned.current].filter(([name]) => body.includes(`@${name}`)).map(([, id]) => id);
    const r = await request(socket, 'note.add', { conversationId, body, mentions });
    if (r.ok) {
      mentioned.current.clear();
      onNote(r.note);
    } else onError(r.error.message);
  };

  const note = effectiveMode === 'note';
  return (
    <div className="relative">
      <div role="tablist" aria-label="Write" className="flex gap-1 border-t border-slate-200 bg-white px-3 pt-2">
        {(['reply', 'note'] as Mode[]).map((m) => (
          <button
            key={m}
            type="button"
            role="tab"
            aria-selected={effectiveMode === m}
            disabled={m === 'reply' && !canReply}
            onClick={() => {
              setMode(m);
              setTrigger(null);
              apiRef.current?.focus();
            }}
            className={cn(
              'rounded-md px-3 py-1 text-sm focus-visible:outline-2 focus-visible:outline-indigo-600 disabled:cursor-not-allowed disabled:text-slate-300',
              effectiveMode === m ? (m === 'note' ? 'bg-amber-100 font-medium text-amber-900' : 'bg-indigo-50 font-medium text-indigo-800') : 'text-slate-600 hover:bg-slate-100',
            )}
            data-testid={`composer-mode-${m}`}
          >
            {m === 'reply' ? 'Reply' : 'Internal note'}
          </button>
        ))}
        <span className="ml-auto min-w-0 self-center truncate text-xs text-slate-400">{note ? '@ mentions a colleague · staff only' : '/ for canned replies'}</span>
      </div>
      {trigger ? (
        <Suggestions
          items={items}
          active={Math.min(active, Math.max(items.length - 1, 0))}
          onPick={(i) => void pick(i)}
          label={trigger.kind === '/' ? 'Canned replies' : 'Mention a colleague'}
          empty={trigger.kind === '/' ? (canned.length ? 'No canned reply matches.' : 'No canned replies yet. Add your own under “Canned replies”.') : 'No colleague matches.'}
          testId={trigger.kind === '/' ? 'canned-suggestions' : 'mention-suggestions'}
        />
      ) : null}
      <Composer
        key={effectiveMode}
        onSend={(body, files) => void send(body, files)}
        attach={effectiveMode === 'reply' ? attach : null}
        onTyping={effectiveMode === 'reply' ? onTyping : onNoteTyping}
        placeholder={note ? 'Write an internal note…' : 'Write a reply…'}
        label={note ? 'Internal note' : 'Reply'}
        onReady={onReady}
        onTextChange={(text, caret) => {
          textRef.current = text;
          const next = findTrigger(text, caret, effectiveMode);
          setTrigger(next);
          if (!next || next.query !== trigger?.query) setActive(0);
        }}
        onKeyDownCapture={onKeyDownCapture}
        className={cn('border-t-0 pt-2', note && 'bg-amber-50')}
        tools={<EmojiPicker onPick={(e) => apiRef.current?.insert(e)} />}
      />
    </div>
  );
}
