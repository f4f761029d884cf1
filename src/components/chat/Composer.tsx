'use client';

import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { cn } from '@/components/ui/cn';

const TYPING_IDLE_MS = 2500;

/**
 * Message input: Enter sends, Shift+Enter adds a line. Reports typing start/stop (throttled) so the other
 * side can show an indicator.
 */
export function Composer({
  onSend,
  onTyping,
  disabled,
  placeholder = 'Write a message…',
  label = 'Message',
  sendLabel = 'Send',
  brand,
}: {
  onSend: (body: string) => void;
  onTyping?: (typing: boolean) => void;
  disabled?: boolean;
  placeholder?: string;
  label?: string;
  sendLabel?: string;
  /** The widget's brand colour for the send button (console default otherwise). */
  brand?: { color: string; text: string };
}) {
  const [text, setText] = useState('');
  const inputRef = useRef<HTMLTextAreaElement>(null);
  // Grows with its content up to the max height (max-h-32), then scrolls.
  useEffect(() => {
    const el = inputRef.current;
    if (!el) return;
    el.style.height = 'auto';
    el.style.height = `${el.scrollHeight + 2}px`;
  }, [text]);
  const typingRef = useRef(false);
  const idleTimer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const stopTyping = () => {
    if (idleTimer.current) clearTimeout(idleTimer.current);
    if (typingRef.current) {
      typingRef.current = false;
      onTyping?.(false);
    }
  };
  useEffect(() => stopTyping, []); // eslint-disable-line react-hooks/exhaustive-deps

  const submit = (event?: FormEvent) => {
    event?.preventDefault();
    const body = text.trim();
    if (!body || disabled) return;
    onSend(body);
    setText('');
    stopTyping();
  };

  const onChange = (value: string) => {
    setText(value);
    if (!onTyping) return;
    if (!typingRef.current && value.trim()) {
      typingRef.current = true;
      onTyping(true);
    }
    if (idleTimer.current) clearTimeout(idleTimer.current);
    idleTimer.current = setTimeout(stopTyping, TYPING_IDLE_MS);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      submit();
    }
  };

  return (
    <form onSubmit={submit} className="flex items-end gap-2 border-t border-slate-200 bg-white p-3">
      <label htmlFor="composer" className="sr-only">
        {label}
      </label>
      <textarea
        id="composer"
        ref={inputRef}
        rows={1}
        value={text}
        maxLength={5000}
        disabled={disabled}
        placeholder={placeholder}
        onChange={(e) => onChange(e.target.value)}
        onKeyDown={onKeyDown}
        onBlur={stopTyping}
        className="max-h-32 min-h-10 flex-1 resize-none rounded-lg border border-slate-300 px-3 py-2 text-sm focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-500/30 disabled:bg-slate-100"
        data-testid="composer-input"
      />
      <button
        type="submit"
        disabled={disabled || !text.trim()}
        style={brand ? { background: brand.color, color: brand.text } : undefined}
        className={cn(
          'h-10 rounded-lg bg-indigo-600 px-4 text-sm font-medium text-white hover:bg-indigo-500 disabled:cursor-not-allowed disabled:bg-indigo-300 disabled:opacity-60',
          'focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600',
        )}
        data-testid="composer-send"
      >
        {sendLabel}
      </button>
    </form>
  );
}
