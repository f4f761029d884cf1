'use client';

import { useRouter } from 'next/navigation';
import { useRef, useState, type FormEvent } from 'react';
import type { CannedReplyDto } from '@/domain/canned/service';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { Card, CardHeader } from '../../ui/Card';
import { EmptyState } from '../../ui/EmptyState';
import { api, fieldErrors } from '../api';

const inputClass = 'mt-1 w-full rounded-md border border-slate-300 px-3 py-2 text-sm focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-500/30';

interface Draft {
  id?: string;
  shortcut: string;
  body: string;
  groupId: string;
}

/** Console > Live Chat > Canned replies: shared replies (optionally per skill group), CSV import/export. */
export function CannedRepliesManager({ replies, groups }: { replies: CannedReplyDto[]; groups: { id: string; name: string }[] }) {
  const router = useRouter();
  const [draft, setDraft] = useState<Draft | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ tone: 'error' | 'success'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const fileRef = useRef<HTMLInputElement>(null);

  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (!draft) return;
    setBusy(true);
    const payload = { shortcut: draft.shortcut, body: draft.body, groupId: draft.groupId || null };
    const res = draft.id ? await api('PATCH', `/api/admin/canned-replies/${draft.id}`, payload) : await api('POST', '/api/admin/canned-replies', payload);
    setBusy(false);
    if (!res.ok) {
      setErrors(fieldErrors(res.error));
      if (!Array.isArray(res.error.details)) setMessage({ tone: 'error', text: res.error.message });
      return;
    }
    setDraft(null);
    setErrors({});
    setMessage({ tone: 'success', text: `Saved /${payload.shortcut.trim()}.` });
    router.refresh();
  };
  const remove = async (r: CannedReplyDto) => {
    const res = await api('DELETE', `/api/admin/canned-replies/${r.id}`);
    setMessage(res.ok ? { tone: 'success', text: `Deleted /${r.shortcut}.` } : { tone: 'error', text: res.error.message });
    router.refresh();
  };
  const importFile = async (file: File) => {
    const form = new FormData();
    form.set('file', file);
    const res = await fetch('/api/admin/canned-replies/import', { method: 'POST', body: form }).then((r) => r.json()).catch(() => null);
    if (fileRef.current) fileRef.current.value = '';
    if (!res?.ok) return setMessage({ tone: 'error', text: res?.error?.message ?? 'The import failed. Try again.' });
    const skipped = res.invalid.length ? ` Skipped ${res.invalid.length}: ${res.invalid.slice(0, 3).map((i: { line: number; message: string }) => `line ${i.line} (${i.message})`).join(', ')}${res.invalid.length > 3 ? ', …' : ''}.` : '';
    setMessage({ tone: res.invalid.length ? 'error' : 'success', text: `Imported: ${res.added} added, ${res.updated} updated.${skipped}` });
    router.refresh();
  };

  return (
    <Card>
      <CardHeader
        title="Shared canned replies"
        description={
          <>
            Agents insert these by typing <kbd className="rounded bg-slate-100 px-1 font-mono">/</kbd> in the reply box. Placeholders: {'{visitor.name}'}, {'{visitor.email}'}, {'{agent.name}'}, {'{workspace.name}'}.
          </>
        }
        actions={
          <div className="flex flex-wrap gap-2">
            <a href="/api/admin/canned-replies/export" className="rounded-md px-3 py-1.5 text-sm font-medium text-slate-700 ring-1 ring-slate-300 hover:bg-slate-50" data-testid="canned-export">
              Export CSV
            </a>
            <label className="cursor-pointer rounded-md px-3 py-1.5 text-sm font-medium text-slate-700 ring-1 ring-slate-300 hover:bg-slate-50 focus-within:outline-2 focus-within:outline-indigo-600">
              Import CSV
              <input ref={fileRef} type="file" accept=".csv,text/csv" className="sr-only" onChange={(e) => e.target.files?.[0] && void importFile(e.target.files[0])} data-testid="canned-import" />
            </label>
            <Button onClick={() => setDraft({ shortcut: '', body: '', groupId: '' })} data-testid="canned-new">
              New reply
            </Button>
          </div>
        }
      />
      <div className="space-y-3 px-5 pb-5">
        {message ? <Alert tone={message.tone}>{message.text}</Alert> : null}
        {draft ? (
          <form onSubmit={save} noValidate className="space-y-3 rounded-lg bg-slate-50 p-4" data-testid="canned-admin-form">
            <div className="grid gap-3 sm:grid-cols-2">
              <label className="block text-sm font-medium text-slate-800">
                Shortcut
                <input value={draft.shortcut} onChange={(e) => setDraft({ ...draft, shortcut: e.target.value })} className={inputClass} placeholder="greeting" autoFocus aria-invalid={!!errors.shortcut} />
                {errors.shortcut ? <span className="mt-1 block text-xs text-red-700">{errors.shortcut}</span> : null}
              </label>
              <label className="block text-sm font-medium text-slate-800">
                For
                <select value={draft.groupId} onChange={(e) => setDraft({ ...draft, groupId: e.target.value })} className={inputClass}>
                  <option value="">Everyone</option>
                  {groups.map((g) => (
                    <option key={g.id} value={g.id}>
                      {g.name} only
                    </option>
                  ))}
                </select>
              </label>
            </div>
            <label className="block text-sm font-medium text-slate-800">
              Reply
              <textarea value={draft.body} rows={4} onChange={(e) => setDraft({ ...draft, body: e.target.value })} className={inputClass} placeholder="Hi {visitor.name}, thanks for reaching out!" aria-invalid={!!errors.body} />
              {errors.body ? <span className="mt-1 block text-xs text-red-700">{errors.body}</span> : null}
            </label>
            <div className="flex gap-2">
              <Button type="submit" loading={busy}>
                Save
              </Button>
              <Button variant="ghost" onClick={() => setDraft(null)}>
                Cancel
              </Button>
            </div>
          </form>
        ) : null}
        {replies.length === 0 ? (
          <EmptyState title="No shared canned replies yet" description="Add one, or import a CSV with the columns shortcut, body and (optional) group." />
        ) : (
          <ul className="divide-y divide-slate-100" data-testid="canned-admin-list">
            {replies.map((r) => (
              <li key={r.id} className="flex flex-wrap items-start justify-between gap-2 py-3">
                <div className="min-w-0 flex-1">
                  <p className="font-medium text-slate-900">
                    /{r.shortcut} <span className="ml-1 text-xs font-normal text-slate-500">{r.groupName ? `${r.groupName} only` : 'Everyone'}</span>
                  </p>
                  <p className="whitespace-pre-wrap break-words text-sm text-slate-600">{r.body}</p>
                </div>
                <div className="flex gap-3 text-sm">
                  <button type="button" className="text-indigo-700 hover:underline" onClick={() => setDraft({ id: r.id, shortcut: r.shortcut, body: r.body, groupId: r.groupId ?? '' })}>
                    Edit
                  </button>
                  <button type="button" className="text-red-700 hover:underline" onClick={() => void remove(r)}>
                    Delete
                  </button>
                </div>
              </li>
            ))}
          </ul>
        )}
      </div>
    </Card>
  );
}
