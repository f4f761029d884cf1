'use client';

import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent, type ReactNode } from 'react';
import { cn } from '@/components/ui/cn';

const TYPING_IDLE_MS = 2500;

/**
 * Message input: Enter sends, Shift+Enter adds a line. Reports typing start/stop (throttled) so the other
 * side can show an indicator.
 */
/** Lets a wrapper (the agent's composer: canned replies, mentions, emoji) read and change the text. */
export interface ComposerApi {
  setText: (text: string) => void;
  insert: (text: string) => void;
  focus: () => void;
}

export function Composer({
  onSend,
  onTyping,
  disabled,
  placeholder = 'Write a message…',
  label = 'Message',
  onReady,
  onTextChange,
  onKeyDownCapture,
  tools,
  className,
}: {
  onSend: (body: string) => void;
  onTyping?: (typing: boolean) => void;
  disabled?: boolean;
  placeholder?: string;
  label?: string;
  onReady?: (api: ComposerApi) => void;
  onTextChange?: (text: string, caret: number) => void;
  /** Runs before the composer's own keys; return true when handled (e.g. a suggestion list took Enter). */
  onKeyDownCapture?: (event: KeyboardEvent<HTMLTextAreaElement>) => boolean;
  /** Extra buttons before the text field (e.g. emoji). */
  tools?: ReactNode;
  className?: string;
}) {
  const [text, setTextState] = useState('');
  const inputRef = useRef<HTMLTextAreaElement>(null);
  const setText = (value: string) => {
    setTextState(value);
    onTextChange?.(value, inputRef.current?.selectionStart ?? value.length);
  };
  useEffect(() => {
    onReady?.({
      setText: (value) => {
        setText(value);
        inputRef.current?.focus();
      },
      insert: (value) => {
        const el = inputRef.current;
        const start = el?.selectionStart ?? el?.value.length ?? 0;
        const end = el?.selectionEnd ?? start;
        const current = el?.value ?? '';
        setText(current.slice(0, start) + value + current.slice(end));
        requestAnimationFrame(() => {
          el?.focus();
          el?.setSelectionRange(start + value.length, start + value.length);
        });
      },
      focus: () => inputRef.current?.focus(),
    });
  }, [onReady]); // eslint-disable-line react-hooks/exhaustive-deps
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
    if (onKeyDownCapture?.(event)) return;
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      submit();
    }
  };

  return (
    <form onSubmit={submit} className={cn('flex items-end gap-2 border-t border-slate-200 bg-white p-3', className)}>
      {tools}
      <label htmlFor="composer" className="sr-only">
        {label}
      </label>
      <textarea
        ref={inputRef}
        id="composer"
        rows={1}
        value={text}
        maxLength={5000}
        disabled={disabled}
        placeholder={placeholder}
        onChange={(e) => onChange(e.target.value)}
        onKeyDown={onKeyDown}
        onBlur={stopTyping}
        className="max-h-32 min-h-10 min-w-0 flex-1 resize-none rounded-lg border border-slate-300 px-3 py-2 text-sm focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-500/30 disabled:bg-slate-100"
        data-testid="composer-input"
      />
      <button
        type="submit"
        disabled={disabled || !text.trim()}
        className={cn(
          'h-10 rounded-lg bg-indigo-600 px-4 text-sm font-medium text-white hover:bg-indigo-500 disabled:cursor-not-allowed disabled:bg-indigo-300',
          'focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600',
        )}
        data-testid="composer-send"
      >
        Send
      </button>
    </form>
  );
}
