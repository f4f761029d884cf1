'use client';

import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { ConversationDto } from '@/domain/conversations/types';
import type { TagDto } from '@/domain/tags/service';
import type { VisitorContextDto } from '@/domain/visitors/context';
import { cn } from '@/components/ui/cn';
import { request } from '../socket';
import type { AgentSocket } from '../socket';
import { BanForm } from './BanForm';
import { inputClass } from './form-classes';
import { TagChip } from './ConversationList';


function localTime(timeZone: string | null): string | null {
  if (!timeZone) return null;
  try {
    return new Intl.DateTimeFormat([], { hour: '2-digit', minute: '2-digit', timeZone }).format(new Date());
  } catch {
    return null;
  }
}

/** "English (Australia) · en-AU": the tag alone is cryptic to most agents. */
function languageName(tag: string | null): string {
  if (!tag) return 'Unknown';
  try {
    const name = new Intl.DisplayNames(['en'], { type: 'language' }).of(tag);
    return name && name !== tag ? `${name} · ${tag}` : tag;
  } catch {
    return tag;
  }
}


/**
 * The details column beside the chat (issue 15): tags, the editable customer profile, device, local time,
 * pages of this visit, previous chats, and "Ban visitor".
 */
export function VisitorContextPanel({
  socket,
  conversation,
  allTags,
  tags,
  onTagsChange,
  onVisitorChange,
}: {
  socket: AgentSocket | null;
  conversation: ConversationDto;
  allTags: TagDto[];
  tags: TagDto[];
  onTagsChange: (tags: TagDto[]) => void;
  onVisitorChange?: (visitor: VisitorContextDto['visitor']) => void;
}) {
  const [context, setContext] = useState<VisitorContextDto | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  const [banOpen, setBanOpen] = useState(false);
  const conversationId = conversation.id;

  const load = useCallback(async () => {
    if (!socket) return;
    const r = await request(socket, 'visitor.context', { conversationId });
    if (r.ok) {
      setContext(r.context);
      setError(null);
    } else setError(r.error.message);
  }, [socket, conversationId]);
  useEffect(() => {
    setContext(null);
    setEditing(false);
    setBanOpen(false);
    void load();
  }, [load]);

  const toggleTag = async (tag: TagDto) => {
    if (!socket) return;
    const ids = tags.some((t) => t.id === tag.id) ? tags.filter((t) => t.id !== tag.id).map((t) => t.id) : [...tags.map((t) => t.id), tag.id];
    const r = await request(socket, 'conversation.tags.set', { conversationId, tagIds: ids });
    if (r.ok) onTagsChange(r.tags);
    else setError(r.error.message);
  };

  const device = context?.device;
  const time = localTime(device?.timeZone ?? null);
  return (
    <div className="space-y-5 text-sm" data-testid="visitor-context">
      {error ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-red-800">
          {error}
        </p>
      ) : null}

      <section aria-label="Tags">
        <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500">Tags</h3>
        {allTags.length === 0 ? (
          <p className="mt-1 text-slate-500">No tags yet. Admins create them in the console (Live Chat › Tags).</p>
        ) : (
          <div className="mt-2 flex flex-wrap gap-1.5" role="group" aria-label="Set tags">
            {allTags.map((t) => {
              const on = tags.some((x) => x.id === t.id);
              return (
                <button
                  key={t.id}
                  type="button"
                  aria-pressed={on}
                  onClick={() => void toggleTag(t)}
                  className={cn('rounded-full px-2.5 py-0.5 text-xs font-medium ring-1 focus-visible:outline-2 focus-visible:outline-indigo-600', on ? 'text-white ring-transparent' : 'bg-white text-slate-700 ring-slate-300 hover:bg-slate-50')}
                  style={on ? { backgroundColor: t.color } : undefined}
                  data-testid="tag-toggle"
                >
                  {on ? '✓ ' : '+ '}
                  {t.name}
                </button>
              );
            })}
          </div>
        )}
      </section>

      <section aria-label="Customer profile">
        <div className="flex items-center justify-between">
          <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500">Customer</h3>
          {context && !editing ? (
            <button type="button" onClick={() => setEditing(true)} className="text-xs font-medium text-indigo-700 hover:underline" data-testid="profile-edit">
              Edit
            </button>
          ) : null}
        </div>
        {!context ? <p className="mt-1 text-slate-400">Loading…</p> : editing ? <ProfileForm socket={socket} conversationId={conversationId} visitor={context.visitor} onDone={(v) => {
              if (v) {
                setContext({ ...context, visitor: v });
                onVisitorChange?.(v);
              }
              setEditing(false);
            }}
          /> : (
          <dl className="mt-2 space-y-1.5">
            <Row label="Name" value={context.visitor.name ?? 'Not given'} />
            <Row label="Email" value={context.visitor.email ?? 'Not given'} />
            <Row label="Phone" value={context.visitor.phone ?? 'Not given'} />
            {context.visitor.notes ? <Row label="Notes" value={context.visitor.notes} /> : null}
          </dl>
        )}
      </section>

      {context?.prechat ? (
        <section aria-label="Pre-chat form" data-testid="prechat-answers">
          <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500">Pre-chat form</h3>
          <dl className="mt-2 space-y-1.5">
            {context.prechat.group ? <Row label="Topic" value={context.prechat.group.name} /> : null}
            {context.prechat.fields.map((f) => (
              <Row key={f.key} label={f.label} value={f.value} />
            ))}
            <Row label="Consent" value={context.prechat.consent ? `Agreed ${new Date(context.prechat.consent.at).toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' })}` : 'Not asked'} />
          </dl>
        </section>
      ) : null}

      <section aria-label="Device and visit">
        <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500">Visit</h3>
        <dl className="mt-2 space-y-1.5">
          <Row label="Current page" value={context?.pages[0]?.title || context?.pages[0]?.url || conversation.entryUrl || 'Unknown'} href={context?.pages[0]?.url ?? conversation.entryUrl ?? undefined} />
          {context?.pages.at(-1)?.referrer ? <Row label="Came from" value={context.pages.at(-1)!.referrer!} /> : null}
          <Row label="Browser" value={[device?.browser, device?.os].filter(Boolean).join(' on ') || 'Unknown'} />
          <Row label="Device" value={device?.type ? device.type[0].toUpperCase() + device.type.slice(1) : conversation.channel} />
          <Row label="Local time" value={time ? `${time} (${device!.timeZone})` : 'Unknown'} />
          <Row label="Language" value={languageName(device?.language ?? null)} />
          <Row label="Visits" value={device ? (device.visits > 1 ? `Returning visitor · ${device.visits} visits` : 'First visit') : 'Unknown'} />
        </dl>
      </section>

      {context && context.pages.length > 1 ? (
        <section aria-label="Pages this visit">
          <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500">Pages this visit ({context.pages.length})</h3>
          <ol className="mt-2 space-y-1" data-testid="visited-pages">
            {context.pages.map((p, i) => (
              <li key={`${p.at}-${i}`} className="flex justify-between gap-2">
                <a href={p.url} target="_blank" rel="noreferrer noopener" className="min-w-0 truncate text-indigo-700 hover:underline" title={p.url}>
                  {p.title || p.url}
                </a>
                <span className="shrink-0 text-xs text-slate-500">{new Date(p.at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}</span>
              </li>
            ))}
          </ol>
        </section>
      ) : null}

      {context ? (
        <section aria-label="Previous chats">
          <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500">Previous chats</h3>
          {context.previous.length === 0 ? (
            <p className="mt-1 text-slate-500">None before this one.</p>
          ) : (
            <ul className="mt-2 space-y-1">
              {context.previous.map((c) => (
                <li key={c.id} className="flex justify-between gap-2 text-slate-700">
                  <span>{new Date(c.startedAt).toLocaleDateString()}</span>
                  <span className="truncate text-slate-500">{c.agentName ?? (c.status === 'ended' ? 'No agent' : c.status)}</span>
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : null}

      <section aria-label="Ban">
        {banOpen ? (
          <BanForm socket={socket} conversationId={conversationId} onClose={() => setBanOpen(false)} />
        ) : (
          <button type="button" onClick={() => setBanOpen(true)} className="w-full rounded-md px-3 py-1.5 text-sm font-medium text-red-700 ring-1 ring-red-200 hover:bg-red-50 focus-visible:outline-2 focus-visible:outline-red-600" data-testid="ban-open">
            Ban this visitor…
          </button>
        )}
      </section>
    </div>
  );
}

function Row({ label, value, href }: { label: string; value: string; href?: string }) {
  return (
    <div className="grid grid-cols-[6.5rem_1fr] gap-2">
      <dt className="text-slate-500">{label}</dt>
      <dd className="min-w-0 break-words text-slate-800">
        {href ? (
          <a href={href} target="_blank" rel="noreferrer noopener" className="text-indigo-700 hover:underline">
            {value}
          </a>
        ) : (
          value
        )}
      </dd>
    </div>
  );
}

function ProfileForm({ socket, conversationId, visitor, onDone }: { socket: AgentSocket | null; conversationId: string; visitor: VisitorContextDto['visitor']; onDone: (v: VisitorContextDto['visitor'] | null) => void }) {
  const [fields, setFields] = useState({ name: visitor.name ?? '', email: visitor.email ?? '', phone: visitor.phone ?? '', notes: visitor.notes ?? '' });
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!socket) return;
    setSaving(true);
    const r = await request(socket, 'visitor.profile.update', { conversationId, ...fields });
    setSaving(false);
    if (r.ok) onDone(r.visitor);
    else setError(r.error.message.replace(/^Invalid profile: \w+: /, ''));
  };
  const field = (key: keyof typeof fields, label: string, type = 'text') => (
    <label className="block text-xs text-slate-600">
      {label}
      {key === 'notes' ? (
        <textarea value={fields[key]} rows={3} maxLength={2000} onChange={(e) => setFields({ ...fields, [key]: e.target.value })} className={inputClass} data-testid={`profile-${key}`} />
      ) : (
        <input type={type} value={fields[key]} onChange={(e) => setFields({ ...fields, [key]: e.target.value })} className={inputClass} data-testid={`profile-${key}`} />
      )}
    </label>
  );
  return (
    <form onSubmit={submit} className="mt-2 space-y-2">
      {field('name', 'Name')}
      {field('email', 'Email', 'email')}
      {field('phone', 'Phone', 'tel')}
      {field('notes', 'Notes (staff only)')}
      {error ? (
        <p role="alert" className="text-xs text-red-700">
          {error}
        </p>
      ) : null}
      <div className="flex gap-2">
        <button type="submit" disabled={saving} className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-500 disabled:bg-indigo-300" data-testid="profile-save">
          {saving ? 'Saving…' : 'Save'}
        </button>
        <button type="button" onClick={() => onDone(null)} className="rounded-md px-3 py-1.5 text-sm text-slate-700 ring-1 ring-slate-300 hover:bg-slate-50">
          Cancel
        </button>
      </div>
    </form>
  );
}
