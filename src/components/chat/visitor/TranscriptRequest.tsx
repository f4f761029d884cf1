'use client';

import { useState, type FormEvent } from 'react';
import type { WidgetLanguage } from '@/domain/settings/schemas-widget';
import { t } from '@/widget/i18n';
import { request, type VisitorSocket } from '../socket';

/**
 * "Email me the transcript" under an ended chat (issue 25): a link that opens one email field. Left empty,
 * the server uses the email it knows for this visitor (pre-chat form, identify, CRM) or says it needs one.
 */
export function TranscriptRequest({ socket, conversationId, lang, brand, disabled }: { socket: VisitorSocket | null; conversationId: string; lang: WidgetLanguage; brand: { color: string; text: string }; disabled: boolean }) {
  const [open, setOpen] = useState(false);
  const [email, setEmail] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [sentTo, setSentTo] = useState<string | null>(null);

  if (sentTo) {
    return (
      <p className="mt-2 text-xs text-slate-600" role="status" data-testid="transcript-sent">
        {t(lang, 'transcriptSent', { email: sentTo })}
      </p>
    );
  }
  if (!open) {
    return (
      <button type="button" onClick={() => setOpen(true)} disabled={disabled || !socket} className="mt-2 text-xs text-slate-600 underline hover:text-slate-900 disabled:opacity-50" data-testid="transcript-open">
        {t(lang, 'emailTranscript')}
      </button>
    );
  }
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!socket) return;
    setBusy(true);
    setError(null);
    const result = await request(socket, 'transcript.email', { conversationId, email: email.trim() || undefined });
    setBusy(false);
    if (result.ok) setSentTo(result.to);
    else setError(result.error.message);
  };
  return (
    <form onSubmit={(e) => void submit(e)} className="mt-2 flex flex-wrap items-center justify-center gap-2" data-testid="transcript-form">
      <label className="sr-only" htmlFor="transcript-email">
        {t(lang, 'email')}
      </label>
      <input
        id="transcript-email"
        type="email"
        autoComplete="email"
        value={email}
        onChange={(e) => setEmail(e.target.value)}
        placeholder={t(lang, 'email')}
        className="min-w-0 flex-1 rounded-md border border-slate-300 px-2 py-1 text-sm"
        autoFocus
      />
      <button type="submit" disabled={busy || disabled} className="rounded-md px-3 py-1 text-sm font-medium hover:opacity-90 disabled:opacity-50" style={{ background: brand.color, color: brand.text }} data-testid="transcript-send">
        {busy ? t(lang, 'sending') : t(lang, 'send')}
      </button>
      {error ? (
        <p role="alert" className="w-full text-xs text-red-700">
          {error}
        </p>
      ) : null}
    </form>
  );
}
