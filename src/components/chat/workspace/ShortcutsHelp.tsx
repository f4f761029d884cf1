'use client';

import { useEffect, useRef, useState } from 'react';

export const SHORTCUTS: { keys: string; what: string }[] = [
  { keys: 'Ctrl/⌘ + K', what: 'Command palette: chats, actions, tags, canned replies, status, search' },
  { keys: 'Alt + ↓', what: 'Next chat' },
  { keys: 'Alt + ↑', what: 'Previous chat' },
  { keys: 'Alt + K', what: 'Focus the reply box' },
  { keys: 'Alt + N', what: 'Write an internal note' },
  { keys: 'Alt + T', what: 'Transfer the chat' },
  { keys: 'Alt + E', what: 'End the chat' },
  { keys: '/', what: 'Canned replies (in the reply box)' },
  { keys: '@', what: 'Mention a colleague (in a note)' },
  { keys: '?', what: 'Show this help' },
];

export interface ShortcutActions {
  next: () => void;
  previous: () => void;
  focus: () => void;
  note: () => void;
  transfer: () => void;
  end: () => void;
}

/** Workspace shortcuts: Alt + key anywhere (uses the key's position, so it works on every layout); `?` outside text fields. */
export function useShortcuts(actions: ShortcutActions, openHelp: () => void): void {
  const ref = useRef(actions);
  ref.current = actions;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const inField = e.target instanceof HTMLElement && (e.target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(e.target.tagName));
      if (e.key === '?' && !inField && !e.altKey && !e.ctrlKey && !e.metaKey) {
        e.preventDefault();
        openHelp();
        return;
      }
      if (!e.altKey || e.ctrlKey || e.metaKey) return;
      const map: Record<string, keyof ShortcutActions> = { ArrowDown: 'next', ArrowUp: 'previous', KeyK: 'focus', KeyN: 'note', KeyT: 'transfer', KeyE: 'end' };
      const action = map[e.code] ?? map[e.key];
      if (!action) return;
      e.preventDefault();
      ref.current[action]();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [openHelp]);
}

/** "Keyboard shortcuts" popover in the header. */
export function ShortcutsHelp({ open, onOpenChange }: { open: boolean; onOpenChange: (open: boolean) => void }) {
  const [mounted, setMounted] = useState(false);
  const panelRef = useRef<HTMLDivElement>(null);
  useEffect(() => setMounted(true), []);
  useEffect(() => {
    if (!open) return;
    panelRef.current?.focus();
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onOpenChange(false);
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open, onOpenChange]);
  return (
    <div className="relative">
      <button
        type="button"
        onClick={() => onOpenChange(!open)}
        aria-expanded={open}
        aria-label="Keyboard shortcuts"
        className="flex h-8 w-8 items-center justify-center rounded-full text-sm font-semibold text-slate-600 ring-1 ring-slate-300 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-indigo-600"
        data-testid="shortcuts-button"
      >
        ?
      </button>
      {open && mounted ? (
        <div ref={panelRef} tabIndex={-1} role="dialog" aria-label="Keyboard shortcuts" className="absolute right-0 top-10 z-40 w-72 max-w-[calc(100vw-1.5rem)] rounded-lg bg-white p-4 text-sm shadow-lg ring-1 ring-slate-200 focus:outline-none" data-testid="shortcuts-help">
          <div className="mb-2 flex items-center justify-between">
            <h2 className="font-medium text-slate-900">Keyboard shortcuts</h2>
            <button type="button" onClick={() => onOpenChange(false)} className="text-xs text-slate-600 underline">
              Close
            </button>
          </div>
          <dl className="space-y-1.5">
            {SHORTCUTS.map((s) => (
              <div key={s.keys} className="flex justify-between gap-3">
                <dt className="text-slate-700">{s.what}</dt>
                <dd>
                  <kbd className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-800 ring-1 ring-slate-200">{s.keys}</kbd>
                </dd>
              </div>
            ))}
          </dl>
        </div>
      ) : null}
    </div>
  );
}
