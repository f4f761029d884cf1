'use client';

import { useEffect, useState, type FormEvent } from 'react';
import type { RatingScheme } from '@/domain/settings/schemas-service';
import { request } from './socket';
import type { VisitorSocket } from './socket';

interface RatingState {
  conversationId: string;
  enabled: boolean;
  scheme: RatingScheme | null;
  invitations: number;
  canRate: boolean;
  rating: { score: number; label: string; tags: string[] } | null;
}

/**
 * The visitor's satisfaction form (F8) inside the widget: opens on an invitation (`rating.invite`), at
 * the end of an invited chat, or from the "Rate this chat" link when unprompted ratings are allowed.
 * Errors are shown in place; after a successful rating the configured thanks text replaces the form.
 */
export function RatingPanel({
  socket,
  conversationId,
  connected,
  offerUnprompted = true,
  brand,
}: {
  socket: VisitorSocket | null;
  conversationId: string | null;
  connected: boolean;
  /** Whether the unprompted "Rate this chat" link may show yet (the widget waits for an agent reply or the end). */
  offerUnprompted?: boolean;
  /** The widget's brand colour and the text colour on it (the chosen score and the send button use them). */
  brand?: Brand;
}) {
  const [state, setState] = useState<RatingState | null>(null);
  const [open, setOpen] = useState(false);
  const [thanks, setThanks] = useState<string | null>(null);

  useEffect(() => {
    setState(null);
    setOpen(false);
    setThanks(null);
    if (!socket || !conversationId || !connected) return;
    let cancelled = false;
    void request(socket, 'rating.get', { conversationId }).then((r) => {
      if (cancelled || !r.ok) return;
      setState(r.state);
      // Invited earlier (e.g. before a reload) and not rated yet: show the form again.
      if (r.state.canRate && r.state.invitations > 0 && !r.state.rating) setOpen(true);
    });
    const onInvite = (invite: { conversationId: string; scheme: RatingScheme }) => {
      if (invite.conversationId !== conversationId) return;
      setState((s) => ({ ...(s ?? { conversationId, enabled: true, invitations: 0, rating: null }), scheme: invite.scheme, canRate: true, invitations: (s?.invitations ?? 0) + 1 }));
      setThanks(null);
      setOpen(true);
    };
    socket.on('rating.invite', onInvite);
    return () => {
      cancelled = true;
      socket.off('rating.invite', onInvite);
    };
  }, [socket, conversationId, connected]);

  if (!state?.enabled || !state.scheme || !conversationId) return null;
  if (thanks) {
    return (
      <p role="status" className="mx-4 mb-2 rounded-md bg-green-50 px-3 py-2 text-sm text-green-800" data-testid="rating-thanks">
        {thanks}
      </p>
    );
  }
  if (!open) {
    if (!state.canRate || !offerUnprompted) return null;
    return (
      <div className="mx-4 mb-2 text-right">
        <button type="button" onClick={() => setOpen(true)} className="text-xs font-medium text-indigo-700 underline hover:text-indigo-500" data-testid="rate-chat">
          {state.rating ? 'Change your rating' : 'Rate this chat'}
        </button>
      </div>
    );
  }
  return (
    <RatingForm
      scheme={state.scheme}
      brand={brand}
      onCancel={() => setOpen(false)}
      onSubmit={async (input) => {
        if (!socket) return 'Not connected';
        const r = await request(socket, 'rating.submit', { conversationId, ...input });
        if (!r.ok) return r.error.message;
        setState((s) => (s ? { ...s, rating: r.rating, canRate: false } : s));
        setThanks(state.scheme!.thanks);
        return null;
      }}
    />
  );
}

export interface Brand {
  color: string;
  text: string;
}

export function RatingForm({
  scheme,
  onSubmit,
  onCancel,
  brand,
}: {
  scheme: RatingScheme;
  brand?: Brand;
  onSubmit: (input: { score: number; tags: string[]; comment?: string; solved?: boolean }) => Promise<string | null>;
  onCancel: () => void;
}) {
  const [score, setScore] = useState<number | null>(null);
  const [tags, setTags] = useState<string[]>([]);
  const [comment, setComment] = useState('');
  const [solved, setSolved] = useState<boolean | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const level = scheme.levels.find((l) => l.score === score) ?? null;

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (score === null) {
      setError('Choose a rating first.');
      return;
    }
    setSending(true);
    setError(null);
    const message = await onSubmit({ score, tags, ...(scheme.commentEnabled && comment.trim() ? { comment: comment.trim() } : {}), ...(scheme.solvedEnabled && solved !== null ? { solved } : {}) });
    setSending(false);
    if (message) setError(message);
  }

  return (
    <form onSubmit={submit} className="mx-4 mb-2 space-y-3 rounded-lg bg-white p-3 text-sm shadow-sm ring-1 ring-slate-200" data-testid="rating-form" aria-label="Rate this chat">
      <fieldset>
        <legend className="font-medium text-slate-900">{scheme.question}</legend>
        <div className="mt-2 flex flex-wrap gap-1.5" role="radiogroup" aria-label="Rating">
          {scheme.levels.map((l) => (
            <button
              key={l.score}
              type="button"
              role="radio"
              aria-checked={score === l.score}
              onClick={() => {
                setScore(l.score);
                setTags([]);
                setError(null);
              }}
              className={`flex min-w-0 flex-1 flex-col items-center rounded-md px-2 py-1.5 ring-1 focus-visible:outline-2 focus-visible:outline-indigo-600 ${score === l.score ? (brand ? 'ring-black/10' : 'bg-indigo-600 text-white ring-indigo-600') : 'bg-white text-slate-700 ring-slate-300 hover:bg-slate-50'}`}
              style={score === l.score && brand ? { background: brand.color, color: brand.text } : undefined}
              data-testid={`rating-score-${l.score}`}
            >
              <span aria-hidden="true" className={scheme.scale === 5 ? 'text-[11px] leading-5 tracking-tighter' : 'text-base leading-5'}>
                {scheme.scale === 2 ? (l.score === 2 ? '👍' : '👎') : '★'.repeat(l.score)}
              </span>
              <span className="text-[11px] leading-4">{l.label}</span>
            </button>
          ))}
        </div>
      </fieldset>
      {level && level.tags.length ? (
        <fieldset>
          <legend className="text-xs text-slate-500">What stood out? (optional)</legend>
          <div className="mt-1 flex flex-wrap gap-1.5">
            {level.tags.map((t) => {
              const on = tags.includes(t);
              return (
                <button
                  key={t}
                  type="button"
                  aria-pressed={on}
                  onClick={() => setTags((current) => (on ? current.filter((x) => x !== t) : [...current, t]))}
                  className={`rounded-full px-2.5 py-0.5 text-xs ring-1 ${on ? 'bg-indigo-50 font-medium text-indigo-800 ring-indigo-400' : 'text-slate-600 ring-slate-300 hover:bg-slate-50'}`}
                  data-testid="rating-tag"
                >
                  {t}
                </button>
              );
            })}
          </div>
        </fieldset>
      ) : null}
      {scheme.solvedEnabled ? (
        <fieldset className="flex items-center gap-3 text-xs text-slate-700">
          <legend className="sr-only">Was your problem solved?</legend>
          <span>Was your problem solved?</span>
          {[true, false].map((v) => (
            <label key={String(v)} className="flex items-center gap-1">
              <input type="radio" name="solved" checked={solved === v} onChange={() => setSolved(v)} />
              {v ? 'Yes' : 'No'}
            </label>
          ))}
        </fieldset>
      ) : null}
      {scheme.commentEnabled ? (
        <label className="block text-xs text-slate-500">
          Comment (optional)
          <textarea value={comment} onChange={(e) => setComment(e.target.value)} maxLength={1000} rows={2} className="mt-1 block w-full rounded-md px-2 py-1 text-sm text-slate-900 ring-1 ring-slate-300 focus:outline-none focus:ring-2 focus:ring-indigo-600" data-testid="rating-comment" />
        </label>
      ) : null}
      {error ? (
        <p role="alert" className="rounded-md bg-red-50 px-2 py-1 text-xs text-red-800" data-testid="rating-error">
          {error}
        </p>
      ) : null}
      <div className="flex justify-end gap-2">
        <button type="button" onClick={onCancel} className="rounded-md px-3 py-1.5 text-xs text-slate-600 hover:bg-slate-100">
          Not now
        </button>
        <button
          type="submit"
          disabled={sending}
          className={`rounded-md px-3 py-1.5 text-xs font-medium ${brand ? 'hover:opacity-90 disabled:opacity-50' : 'bg-indigo-600 text-white hover:bg-indigo-500 disabled:bg-indigo-300'}`}
          style={brand ? { background: brand.color, color: brand.text } : undefined}
          data-testid="rating-submit"
        >
          {sending ? 'Sending…' : 'Send rating'}
        </button>
      </div>
    </form>
  );
}
