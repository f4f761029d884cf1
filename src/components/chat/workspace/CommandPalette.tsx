'use client';

import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { cn } from '@/components/ui/cn';
import { buildCommands, type CommandContext } from './commands';

/**
 * Focuses a text field that may be re-mounting right now (switching the composer to note mode remounts its
 * field): tries on each animation frame, for up to ~20 frames, until a text field has the focus.
 */
export function focusWhenReady(get: () => { focus: () => void } | null | undefined, frames = 20): void {
  requestAnimationFrame(() => {
    get()?.focus();
    const el = document.activeElement;
    if (frames > 0 && !(el instanceof HTMLTextAreaElement || el instanceof HTMLInputElement)) focusWhenReady(get, frames - 1);
  });
}

/** Ctrl+K / ⌘K anywhere in the workspace (even while typing) opens the palette. */
export function usePaletteShortcut(open: () => void): void {
  const ref = useRef(open);
  ref.current = open;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && (e.key === 'k' || e.key === 'K' || e.code === 'KeyK')) {
        e.preventDefault();
        ref.current();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

/**
 * The workspace's command palette (F17): a filter box over every action (go to a chat, transfer, end,
 * note, tag, canned reply, status, search). An ARIA combobox: arrows move, Enter runs, Escape closes and
 * gives the focus back to where it was.
 */
export function CommandPalette({ context, onClose }: { context: CommandContext; onClose: () => void }) {
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const listId = useId();
  const returnTo = useRef<Element | null>(null);
  const commands = useMemo(() => buildCommands(context, query), [context, query]);
  const current = Math.min(active, Math.max(commands.length - 1, 0));

  useEffect(() => {
    returnTo.current = document.activeElement;
    return () => {
      if (returnTo.current instanceof HTMLElement && returnTo.current.isConnected) returnTo.current.focus();
    };
  }, []);
  useEffect(() => {
    document.getElementById(`${listId}-${current}`)?.scrollIntoView({ block: 'nearest' });
  }, [current, listId]);

  const run = (index: number) => {
    const command = commands[index];
    if (!command) return;
    returnTo.current = null; // the command decides where the focus goes
    onClose();
    // After the palette is gone, so a command that focuses something keeps it.
    setTimeout(command.run, 0);
  };

  return (
    <div className="fixed inset-0 z-50 flex items-start justify-center bg-slate-900/40 px-3 pt-[12vh]" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div role="dialog" aria-modal="true" aria-label="Command palette" className="w-full max-w-lg overflow-hidden rounded-xl bg-white shadow-2xl ring-1 ring-slate-200" data-testid="command-palette">
        <input
          autoFocus
          role="combobox"
          aria-expanded="true"
          aria-controls={listId}
          aria-activedescendant={commands.length ? `${listId}-${current}` : undefined}
          aria-label="Type a command or a visitor's name"
          placeholder="Type a command, a visitor's name, or words to search…"
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setActive(0);
          }}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown') setActive((current + 1) % Math.max(commands.length, 1));
            else if (e.key === 'ArrowUp') setActive((current - 1 + commands.length) % Math.max(commands.length, 1));
            else if (e.key === 'Enter') run(current);
            else if (e.key === 'Escape') onClose();
            else return;
            e.preventDefault();
            e.stopPropagation();
          }}
          className="w-full border-b border-slate-200 px-4 py-3 text-base text-slate-900 outline-none placeholder:text-slate-500 focus-visible:bg-indigo-50/40"
          data-testid="command-input"
        />
        <ul id={listId} role="listbox" aria-label="Commands" className="max-h-[50vh] overflow-y-auto py-1">
          {commands.length ? (
            commands.map((c, i) => (
              <li
                key={c.id}
                id={`${listId}-${i}`}
                role="option"
                aria-selected={i === current}
                onMouseMove={() => setActive(i)}
                onClick={() => run(i)}
                className={cn('flex cursor-pointer items-center justify-between gap-3 px-4 py-2 text-sm', i === current ? 'bg-indigo-600 text-white' : 'text-slate-800')}
                data-testid="command-item"
              >
                <span className="min-w-0 truncate">
                  <span className={cn('mr-2 text-xs', i === current ? 'text-indigo-100' : 'text-slate-500')}>{c.group}</span>
                  {c.label}
                </span>
                {c.shortcut ? <kbd className={cn('shrink-0 rounded px-1.5 font-mono text-xs ring-1', i === current ? 'ring-indigo-300' : 'bg-slate-100 text-slate-700 ring-slate-200')}>{c.shortcut}</kbd> : null}
              </li>
            ))
          ) : (
            <li className="px-4 py-3 text-sm text-slate-600">Nothing matches. Type words to search every conversation.</li>
          )}
        </ul>
        <p className="border-t border-slate-100 px-4 py-2 text-xs text-slate-600">↑ ↓ to move · Enter to run · Esc to close</p>
      </div>
    </div>
  );
}
