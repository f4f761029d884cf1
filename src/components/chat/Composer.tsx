'use client';

import dynamic from 'next/dynamic';
import { useEffect, useRef, useState, type ClipboardEvent, type DragEvent, type FormEvent, type KeyboardEvent, type ReactNode } from 'react';
import { cn } from '@/components/ui/cn';
import type { AttachmentDto } from '@/domain/conversations/types';
import type { UploadTarget } from './attachments/upload';
import { useUploads } from './attachments/useUploads';

/** Shown only once a file is attached: loaded then (the widget's first load stays small). */
const UploadTray = dynamic(() => import('./attachments/UploadTray').then((m) => m.UploadTray), { ssr: false });

const TYPING_IDLE_MS = 2500;

/** Lets a wrapper (the agent's composer: canned replies, mentions, emoji) read and change the text. */
export interface ComposerApi {
  setText: (text: string) => void;
  insert: (text: string) => void;
  focus: () => void;
}

/**
 * Message input: Enter sends, Shift+Enter adds a line. Reports typing start/stop (throttled) so the other
 * side can show an indicator. With `attach`, files can be added by the picker, drag-and-drop or paste;
 * they upload at once (with progress) and go with the next send.
 */
export function Composer({
  onSend,
  onTyping,
  disabled,
  placeholder = 'Write a message…',
  label = 'Message',
  sendLabel = 'Send',
  brand,
  attach,
  onReady,
  onTextChange,
  onKeyDownCapture,
  tools,
  className,
}: {
  onSend: (body: string, attachments: AttachmentDto[]) => void;
  onTyping?: (typing: boolean) => void;
  disabled?: boolean;
  placeholder?: string;
  label?: string;
  sendLabel?: string;
  /** The widget's brand colour for the send button (console default otherwise). */
  brand?: { color: string; text: string };
  /** Where files go; omitted (or null) when files cannot be sent here. */
  attach?: UploadTarget | null;
  onReady?: (api: ComposerApi) => void;
  onTextChange?: (text: string, caret: number) => void;
  /** Runs before the composer's own keys; return true when handled (e.g. a suggestion list took Enter). */
  onKeyDownCapture?: (event: KeyboardEvent<HTMLTextAreaElement>) => boolean;
  /** Extra buttons before the text field (e.g. emoji). */
  tools?: ReactNode;
  className?: string;
}) {
  const [text, setTextState] = useState('');
  const files = useUploads(attach);
  const fileInput = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);
  const inputRef = useRef<HTMLTextAreaElement>(null);
  // Grows with its content up to the max height (max-h-32), then scrolls.
  useEffect(() => {
    const el = inputRef.current;
    if (!el) return;
    el.style.height = 'auto';
    el.style.height = `${el.scrollHeight + 2}px`;
  }, [text]);
  /**
   * `caret`: where the caret is in `value`. Typing: the field's own caret. Text set by code: where the caret
   * is put (the field still holds the old text and caret now, which would point into the wrong words; a
   * mention picked from "@Bo" was then still seen as being typed, and Enter picked it again instead of
   * sending the note).
   */
  const setText = (value: string, caret = inputRef.current?.selectionStart ?? value.length) => {
    setTextState(value);
    onTextChange?.(value, caret);
  };
  /** After React wrote `value` into the field: focus it with the caret at `caret`. */
  const placeCaret = (caret: number) =>
    requestAnimationFrame(() => {
      const el = inputRef.current;
      el?.focus();
      el?.setSelectionRange(caret, caret);
    });
  useEffect(() => {
    onReady?.({
      setText: (value) => {
        setText(value, value.length);
        placeCaret(value.length);
      },
      insert: (value) => {
        const el = inputRef.current;
        const start = el?.selectionStart ?? el?.value.length ?? 0;
        const end = el?.selectionEnd ?? start;
        const current = el?.value ?? '';
        setText(current.slice(0, start) + value + current.slice(end), start + value.length);
        placeCaret(start + value.length);
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
    if ((!body && !files.ready.length) || disabled || files.busy) return;
    onSend(body, files.ready);
    setText('', 0);
    files.clear();
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

  const onPaste = (event: ClipboardEvent<HTMLTextAreaElement>) => {
    const pasted = Array.from(event.clipboardData.files);
    if (!attach || !pasted.length) return;
    event.preventDefault();
    files.add(pasted);
  };
  const onDrop = (event: DragEvent<HTMLFormElement>) => {
    if (!attach) return;
    event.preventDefault();
    setDragging(false);
    files.add(Array.from(event.dataTransfer.files));
  };
  const canSend = !disabled && !files.busy && (text.trim().length > 0 || files.ready.length > 0);

  return (
    <form
      onSubmit={submit}
      onDragOver={(e) => {
        if (!attach || !e.dataTransfer.types.includes('Files')) return;
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
      className={cn('relative border-t border-slate-200 bg-white p-3', dragging && 'bg-indigo-50 ring-2 ring-inset ring-indigo-400', className)}
    >
      {dragging ? <p className="pointer-events-none absolute inset-0 flex items-center justify-center text-sm font-medium text-indigo-700">Drop files to attach</p> : null}
      {files.uploads.length > 0 ? <UploadTray uploads={files.uploads} onRemove={files.remove} /> : null}
      <div className="flex items-end gap-2">
      {attach ? (
        <>
          <input
            ref={fileInput}
            type="file"
            multiple
            className="sr-only"
            tabIndex={-1}
            aria-hidden="true"
            onChange={(e) => {
              files.add(Array.from(e.target.files ?? []));
              e.target.value = '';
            }}
            data-testid="composer-file-input"
          />
          <button
            type="button"
            onClick={() => fileInput.current?.click()}
            disabled={disabled}
            className="flex h-10 w-10 shrink-0 items-center justify-center rounded-lg text-slate-500 hover:bg-slate-100 hover:text-slate-700 focus-visible:outline-2 focus-visible:outline-indigo-600 disabled:opacity-50"
            aria-label="Attach files"
            title="Attach files (or drop / paste them)"
            data-testid="composer-attach"
          >
            <svg viewBox="0 0 20 20" fill="none" stroke="currentColor" strokeWidth="1.6" className="h-5 w-5" aria-hidden="true">
              <path d="M15.5 9.5 10 15a3.5 3.5 0 0 1-5-5l6-6a2.3 2.3 0 0 1 3.3 3.3l-6 6a1.2 1.2 0 0 1-1.7-1.7L12 6.2" strokeLinecap="round" strokeLinejoin="round" />
            </svg>
          </button>
        </>
      ) : null}
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
        onPaste={onPaste}
        onBlur={stopTyping}
        className="max-h-32 min-h-10 min-w-0 flex-1 resize-none rounded-lg border border-slate-300 px-3 py-2 text-sm focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-500/30 disabled:bg-slate-100"
        data-testid="composer-input"
      />
      <button
        type="submit"
        disabled={!canSend}
        style={brand ? { background: brand.color, color: brand.text } : undefined}
        className={cn(
          'h-10 rounded-lg bg-indigo-600 px-4 text-sm font-medium text-white hover:bg-indigo-500 disabled:cursor-not-allowed disabled:bg-indigo-300 disabled:opacity-60',
          'focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600',
        )}
        data-testid="composer-send"
      >
        {sendLabel}
      </button>
      </div>
    </form>
  );
}
