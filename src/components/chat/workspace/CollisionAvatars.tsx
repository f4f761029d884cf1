'use client';

import type { ConversationViewer } from '@/domain/collision/presence';
import { cn } from '@/components/ui/cn';
import { viewerLabel } from './collision-state';

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  return ((parts[0]?.[0] ?? '?') + (parts.length > 1 ? parts[parts.length - 1][0] : '')).toUpperCase();
}

/**
 * Collision guard (F17) in the chat header: colleagues looking at this chat, as avatars; a pencil (reply)
 * or a note badge on those writing. Spoken politely to screen readers when it changes.
 */
export function CollisionAvatars({ viewers }: { viewers: ConversationViewer[] }) {
  const writing = viewers.filter((v) => v.activity !== 'viewing');
  return (
    <div className="flex min-w-0 items-center gap-2" data-testid="collision-avatars">
      {viewers.length ? (
        <ul className="flex -space-x-1.5" aria-label="Colleagues on this chat">
          {viewers.slice(0, 4).map((v) => (
            <li key={v.userId} className="relative" title={viewerLabel(v)} data-testid="collision-viewer" data-activity={v.activity}>
              <span
                className={cn(
                  'flex h-7 w-7 items-center justify-center rounded-full text-[11px] font-semibold ring-2 ring-white',
                  v.activity === 'replying' ? 'bg-indigo-600 text-white' : v.activity === 'noting' ? 'bg-amber-400 text-amber-950' : 'bg-slate-200 text-slate-700',
                )}
                aria-hidden="true"
              >
                {initials(v.name)}
              </span>
              {v.activity !== 'viewing' ? (
                <span className="absolute -bottom-1 -right-1 rounded-full bg-white px-0.5 text-[10px] leading-none" aria-hidden="true">
                  {v.activity === 'replying' ? '✎' : '✱'}
                </span>
              ) : null}
              <span className="sr-only">{viewerLabel(v)}</span>
            </li>
          ))}
          {viewers.length > 4 ? <li className="flex h-7 items-center pl-2.5 text-xs text-slate-600">+{viewers.length - 4}</li> : null}
        </ul>
      ) : null}
      <p className={cn('truncate text-xs', writing.length ? 'font-medium text-indigo-800' : 'text-slate-600', viewers.length ? 'sr-only sm:not-sr-only' : 'sr-only')} aria-live="polite" data-testid="collision-summary">
        {writing.length ? writing.map(viewerLabel).join(' · ') : viewers.length === 1 ? `${viewers[0].name} is also viewing` : viewers.length ? `${viewers.length} colleagues are viewing` : ''}
      </p>
    </div>
  );
}

/** "Ada replied since you started typing": send anyway, or keep editing (the text goes back in the box). */
export function CollisionConfirm({ names, onSend, onKeep }: { names: string[]; onSend: () => void; onKeep: () => void }) {
  const who = names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
  return (
    <div role="alertdialog" aria-labelledby="collision-confirm-text" className="flex flex-wrap items-center justify-between gap-2 border-t border-amber-200 bg-amber-50 px-4 py-2 text-sm" data-testid="collision-confirm">
      <p id="collision-confirm-text" className="text-amber-950">
        {who} replied since you started typing. Send yours anyway?
      </p>
      <div className="flex gap-2">
        <button type="button" onClick={onKeep} className="rounded-md bg-white px-3 py-1 text-slate-700 ring-1 ring-slate-300 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-indigo-600" autoFocus>
          Keep editing
        </button>
        <button type="button" onClick={onSend} className="rounded-md bg-indigo-600 px-3 py-1 font-medium text-white hover:bg-indigo-500 focus-visible:outline-2 focus-visible:outline-indigo-600" data-testid="collision-send-anyway">
          Send anyway
        </button>
      </div>
    </div>
  );
}
