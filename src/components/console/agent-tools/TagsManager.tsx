'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { TAG_COLORS } from '@/domain/tags/filter';
import type { TagDto } from '@/domain/tags/service';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { Card, CardHeader } from '../../ui/Card';
import { EmptyState } from '../../ui/EmptyState';
import { cn } from '../../ui/cn';
import { api, fieldErrors } from '../api';

/** Console > Live Chat > Tags: the workspace's coloured conversation tags. */
export function TagsManager({ tags, canEdit }: { tags: TagDto[]; canEdit: boolean }) {
  const router = useRouter();
  const [draft, setDraft] = useState<{ id?: string; name: string; color: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const save = async (e: FormEvent) => {
    e.preventDefault();
    if (!draft) return;
    setBusy(true);
    const res = draft.id ? await api('PATCH', `/api/admin/tags/${draft.id}`, { name: draft.name, color: draft.color }) : await api('POST', '/api/admin/tags', { name: draft.name, color: draft.color });
    setBusy(false);
    if (!res.ok) return setError(fieldErrors(res.error).name ?? res.error.message);
    setDraft(null);
    setError(null);
    router.refresh();
  };
  const remove = async (t: TagDto) => {
    const res = await api('DELETE', `/api/admin/tags/${t.id}`);
    if (!res.ok) setError(res.error.message);
    router.refresh();
  };

  return (
    <Card>
      <CardHeader
        title="Tags"
        description="Agents tag conversations during or after a chat. Tags show in the chat list, filter it and the monitoring dashboard, travel in webhook events, and can be given by the embed (data-tags) to match assignment rules (“visitor is tagged”)."
        actions={canEdit ? <Button onClick={() => setDraft({ name: '', color: TAG_COLORS[0] })} data-testid="tag-new">New tag</Button> : null}
      />
      <div className="space-y-3 px-5 pb-5">
        {error ? <Alert tone="error">{error}</Alert> : null}
        {draft ? (
          <form onSubmit={save} noValidate className="space-y-3 rounded-lg bg-slate-50 p-4" data-testid="tag-form">
            <label className="block text-sm font-medium text-slate-800">
              Name
              <input value={draft.name} maxLength={40} autoFocus onChange={(e) => setDraft({ ...draft, name: e.target.value })} className="mt-1 w-full max-w-xs rounded-md border border-slate-300 px-3 py-2 text-sm focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-500/30" data-testid="tag-name" />
            </label>
            <fieldset>
              <legend className="text-sm font-medium text-slate-800">Colour</legend>
              <div className="mt-1 flex flex-wrap gap-2" role="radiogroup">
                {TAG_COLORS.map((c) => (
                  <button key={c} type="button" role="radio" aria-checked={draft.color === c} aria-label={`Colour ${c}`} onClick={() => setDraft({ ...draft, color: c })} className={cn('h-7 w-7 rounded-full ring-offset-2 focus-visible:outline-2 focus-visible:outline-indigo-600', draft.color === c && 'ring-2 ring-slate-900')} style={{ backgroundColor: c }} />
                ))}
              </div>
            </fieldset>
            <div className="flex gap-2">
              <Button type="submit" loading={busy} data-testid="tag-save">
                Save
              </Button>
              <Button variant="ghost" onClick={() => setDraft(null)}>
                Cancel
              </Button>
            </div>
          </form>
        ) : null}
        {tags.length === 0 ? (
          <EmptyState title="No tags yet" description={canEdit ? 'Create tags such as “Billing” or “VIP” for agents to use.' : 'An admin can create tags.'} />
        ) : (
          <ul className="divide-y divide-slate-100">
            {tags.map((t) => (
              <li key={t.id} className="flex items-center justify-between gap-2 py-2.5">
                <span className="rounded-full px-2.5 py-0.5 text-sm font-medium text-white" style={{ backgroundColor: t.color }}>
                  {t.name}
                </span>
                {canEdit ? (
                  <span className="flex gap-3 text-sm">
                    <button type="button" className="text-indigo-700 hover:underline" onClick={() => setDraft({ id: t.id, name: t.name, color: t.color })}>
                      Edit
                    </button>
                    <button type="button" className="text-red-700 hover:underline" onClick={() => void remove(t)}>
                      Delete
                    </button>
                  </span>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </div>
    </Card>
  );
}
