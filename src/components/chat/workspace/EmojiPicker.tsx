'use client';

import { useEffect, useRef, useState } from 'react';

/** A small set of common emoji: enough for chat replies, no dependency. */
const EMOJI = ['😀', '😊', '😂', '🙂', '😉', '😍', '🤔', '😅', '😢', '😮', '🙏', '👍', '👎', '👏', '👋', '🙌', '💪', '🎉', '✅', '❌', '⭐', '❤️', '🔥', '💡', '📦', '🚚', '💳', '📧', '📞', '⏰'];

/** Emoji button + popover grid; arrow keys move, Enter picks, Escape closes. */
export function EmojiPicker({ onPick, disabled }: { onPick: (emoji: string) => void; disabled?: boolean }) {
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const gridRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    (gridRef.current?.querySelectorAll('button')[active] as HTMLButtonElement | undefined)?.focus();
  }, [open, active]);
  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent) => {
      if (!gridRef.current?.contains(e.target as Node) && e.target !== buttonRef.current) setOpen(false);
    };
    document.addEventListener('mousedown', close);
    return () => document.removeEventListener('mousedown', close);
  }, [open]);

  const pick = (emoji: string) => {
    onPick(emoji);
    setOpen(false);
  };
  const onKeyDown = (e: React.KeyboardEvent) => {
    const cols = 6;
    const moves: Record<string, number> = { ArrowRight: 1, ArrowLeft: -1, ArrowDown: cols, ArrowUp: -cols };
    if (e.key in moves) {
      e.preventDefault();
      setActive((i) => Math.min(EMOJI.length - 1, Math.max(0, i + moves[e.key])));
    } else if (e.key === 'Escape') {
      e.preventDefault();
      setOpen(false);
      buttonRef.current?.focus();
    }
  };

  return (
    <div className="relative">
      <button
        ref={buttonRef}
        type="button"
        disabled={disabled}
        onClick={() => setOpen((o) => !o)}
        aria-label="Insert emoji"
        aria-expanded={open}
        className="flex h-10 w-10 items-center justify-center rounded-lg text-lg text-slate-600 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-indigo-600 disabled:opacity-50"
        data-testid="emoji-button"
      >
        <span aria-hidden="true">☺</span>
      </button>
      {open ? (
        <div ref={gridRef} role="dialog" aria-label="Emoji" onKeyDown={onKeyDown} className="absolute bottom-12 left-0 z-30 grid w-60 grid-cols-6 gap-1 rounded-lg bg-white p-2 shadow-lg ring-1 ring-slate-200" data-testid="emoji-picker">
          {EMOJI.map((emoji, i) => (
            <button key={emoji} type="button" tabIndex={i === active ? 0 : -1} onClick={() => pick(emoji)} className="rounded p-1 text-xl hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-indigo-600" aria-label={`Emoji ${emoji}`}>
              {emoji}
            </button>
          ))}
        </div>
      ) : null}
    </div>
  );
}
