'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { Alert } from '../ui/Alert';
import { Button } from '../ui/Button';
import { Card, CardHeader } from '../ui/Card';
import { EmptyState } from '../ui/EmptyState';
import { Field, fieldProps } from '../ui/Field';
import { Input } from '../ui/Input';
import { api, fieldErrors, type ApiError } from './api';
import type { GroupRow } from './types';

function GroupRowItem({ group, onChanged }: { group: GroupRow; onChanged: (message: string) => void }) {
  const [mode, setMode] = useState<'view' | 'rename' | 'confirm-delete'>('view');
  const [name, setName] = useState(group.name);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const inputId = `rename-${group.id}`;

  async function rename(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const res = await api('PATCH', `/api/admin/skill-groups/${group.id}`, { name });
    setBusy(false);
    if (!res.ok) {
      setError(fieldErrors(res.error).name ?? res.error.message);
      return;
    }
    setMode('view');
    onChanged(`Renamed to “${name.trim()}”.`);
  }

  async function remove() {
    setBusy(true);
    setError(null);
    const res = await api('DELETE', `/api/admin/skill-groups/${group.id}`);
    setBusy(false);
    if (!res.ok) {
      setError(res.error.message);
      return;
    }
    onChanged(`Deleted “${group.name}”.`);
  }

  return (
    <li className="px-5 py-3">
      {mode === 'rename' ? (
        <form onSubmit={rename} noValidate className="flex flex-wrap items-start gap-2">
          <label htmlFor={inputId} className="sr-only">
            New name for {group.name}
          </label>
          <Input {...fieldProps(inputId, error)} className="max-w-xs" value={name} autoFocus onChange={(e) => setName(e.target.value)} onKeyDown={(e) => e.key === 'Escape' && setMode('view')} />
          <Button type="submit" size="md" loading={busy}>
            Save
          </Button>
          <Button
            variant="ghost"
            onClick={() => {
              setMode('view');
              setName(group.name);
              setError(null);
            }}
          >
            Cancel
          </Button>
          {error ? (
            <p id={`${inputId}-error`} className="basis-full text-sm text-red-600">
              {error}
            </p>
          ) : null}
        </form>
      ) : (
        <div className="flex flex-wrap items-center justify-between gap-3">
          <div className="min-w-0">
            <p className="font-medium text-slate-900">{group.name}</p>
            <p className="text-xs text-slate-500">
              {group.memberCount} {group.memberCount === 1 ? 'member' : 'members'}
            </p>
          </div>
          {mode === 'confirm-delete' ? (
            <div className="flex flex-wrap items-center gap-2" role="group" aria-label={`Confirm deleting ${group.name}`}>
              <span className="text-sm text-slate-700">
                Delete “{group.name}”?{group.memberCount ? ` Its ${group.memberCount} member(s) stay, just without this group.` : ''}
              </span>
              <Button variant="danger" size="sm" loading={busy} onClick={remove} autoFocus>
                Delete
              </Button>
              <Button variant="secondary" size="sm" onClick={() => setMode('view')}>
                Cancel
              </Button>
            </div>
          ) : (
            <div className="flex gap-2">
              <Button variant="secondary" size="sm" onClick={() => setMode('rename')}>
                Rename<span className="sr-only"> {group.name}</span>
              </Button>
              <Button variant="ghost" size="sm" className="text-red-600 hover:bg-red-50" onClick={() => setMode('confirm-delete')}>
                Delete<span className="sr-only"> {group.name}</span>
              </Button>
            </div>
          )}
          {error ? <p className="basis-full text-sm text-red-600" role="alert">{error}</p> : null}
        </div>
      )}
    </li>
  );
}

export function SkillGroupsManager({ groups }: { groups: GroupRow[] }) {
  const router = useRouter();
  const [name, setName] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const nameError = error ? (fieldErrors(error).name ?? error.message) : undefined;

  function changed(message: string) {
    setNotice(message);
    router.refresh();
  }

  async function create(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setNotice(null);
    const res = await api('POST', '/api/admin/skill-groups', { name });
    setBusy(false);
    if (!res.ok) {
      setError(res.error);
      return;
    }
    setName('');
    changed(`Created “${name.trim()}”.`);
  }

  return (
    <div className="space-y-6">
      <form onSubmit={create} noValidate>
        <Card as="div">
          <CardHeader title="New skill group" description="For example Sales, Support, or a language. Agents can be in several groups." />
          <div className="flex flex-wrap items-start gap-3 px-5 py-4">
            <Field id="group-name" label="Group name" error={nameError} className="w-full max-w-sm">
              <Input {...fieldProps('group-name', nameError)} value={name} onChange={(e) => setName(e.target.value)} maxLength={60} />
            </Field>
            <Button type="submit" loading={busy} className="sm:mt-6.5">
              Create group
            </Button>
          </div>
        </Card>
      </form>
      {notice ? <Alert tone="success">{notice}</Alert> : null}
      <Card>
        <CardHeader title={`Skill groups (${groups.length})`} />
        {groups.length === 0 ? (
          <div className="p-5">
            <EmptyState title="No skill groups yet" description="Create a group above, then add agents to it on the Agents page." />
          </div>
        ) : (
          <ul className="divide-y divide-slate-100">
            {groups.map((g) => (
              <GroupRowItem key={`${g.id}:${g.name}`} group={g} onChanged={changed} />
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}
