'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import type { Role } from '../../db/schema';
import { Alert } from '../ui/Alert';
import { Badge } from '../ui/Badge';
import { Button } from '../ui/Button';
import { Card, CardHeader } from '../ui/Card';
import { EmptyState } from '../ui/EmptyState';
import { Field, fieldProps } from '../ui/Field';
import { Input } from '../ui/Input';
import { api, fieldErrors, type ApiError } from './api';
import { AgentRoutingFields } from './AgentRoutingFields';
import { ROLE_LABELS, type AgentRow, type GroupRow } from './types';

const EMPTY = { name: '', email: '', role: 'agent' as Role, receptionLimit: '', groupIds: [] as string[] };

function CreateAgentForm({ groups, defaultLimit, onCreated }: { groups: GroupRow[]; defaultLimit: number; onCreated: (name: string, email: string) => void }) {
  const [form, setForm] = useState(EMPTY);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const errors = fieldErrors(error);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    const res = await api('POST', '/api/admin/agents', {
      name: form.name,
      email: form.email,
      role: form.role,
      receptionLimit: form.receptionLimit === '' ? null : Number(form.receptionLimit),
      groupIds: form.groupIds,
    });
    setBusy(false);
    if (!res.ok) {
      setError(res.error);
      return;
    }
    setForm(EMPTY);
    onCreated(form.name, form.email);
  }

  return (
    <form onSubmit={onSubmit} noValidate>
      <Card as="div">
        <CardHeader title="Invite a team member" description="We email them a link to choose their own password. The link works once and expires in 7 days." />
        <div className="grid gap-4 px-5 py-5 md:grid-cols-2">
          {error && !Object.keys(errors).length ? <Alert tone="error" className="md:col-span-2">{error.message}</Alert> : null}
          <Field id="new-name" label="Name" error={errors.name}>
            <Input {...fieldProps('new-name', errors.name)} autoComplete="off" value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />
          </Field>
          <Field id="new-email" label="Email" error={errors.email}>
            <Input {...fieldProps('new-email', errors.email)} type="email" autoComplete="off" value={form.email} onChange={(e) => setForm({ ...form, email: e.target.value })} />
          </Field>
          <AgentRoutingFields idPrefix="new" form={form} setForm={setForm} errors={errors} defaultLimit={defaultLimit} groups={groups} />
        </div>
        <div className="flex justify-end border-t border-slate-200 bg-slate-50 px-5 py-3 rounded-b-lg">
          <Button type="submit" loading={busy}>
            Send invitation
          </Button>
        </div>
      </Card>
    </form>
  );
}

export function AgentsManager({ agents, groups, defaultLimit, currentUserId }: { agents: AgentRow[]; groups: GroupRow[]; defaultLimit: number; currentUserId: string }) {
  const router = useRouter();
  const [notice, setNotice] = useState<string | null>(null);
  const groupName = new Map(groups.map((g) => [g.id, g.name]));
  const agentCount = agents.filter((a) => a.role === 'agent').length;

  return (
    <div className="space-y-6">
      {notice ? <Alert tone="success">{notice}</Alert> : null}
      <Card>
        <CardHeader title={`Team (${agents.length})`} description="Click a member to change their role, limit, groups or password, or to deactivate them." />
        {agentCount === 0 ? (
          <div className="px-5 pt-5">
            <EmptyState title="No agents yet" description="Add your first agent below; they can then go online in the agent workspace and answer chats." />
          </div>
        ) : null}
        <div className="relative overflow-x-auto">
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-500">
              <tr>
                <th scope="col" className="px-5 py-2.5 font-medium">Name</th>
                <th scope="col" className="px-3 py-2.5 font-medium">Role</th>
                <th scope="col" className="px-3 py-2.5 font-medium">Limit</th>
                <th scope="col" className="px-3 py-2.5 font-medium">Skill groups</th>
                <th scope="col" className="px-3 py-2.5 font-medium">Status</th>
                <th scope="col" className="px-5 py-2.5 font-medium"><span className="sr-only">Actions</span></th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 bg-white">
              {agents.map((a) => (
                <tr key={a.id} className={a.active ? '' : 'bg-slate-50/70 text-slate-500'}>
                  <td className="px-5 py-3">
                    <p className="font-medium text-slate-900">
                      {a.name}
                      {a.id === currentUserId ? <span className="ml-1.5 text-xs font-normal text-slate-500">(you)</span> : null}
                    </p>
                    <p className="text-slate-500">{a.email}</p>
                  </td>
                  <td className="px-3 py-3">
                    <Badge tone={a.role === 'admin' ? 'indigo' : a.role === 'supervisor' ? 'amber' : 'gray'}>{ROLE_LABELS[a.role]}</Badge>
                  </td>
                  <td className="whitespace-nowrap px-3 py-3">{a.receptionLimit ?? <span className="text-slate-500">default ({defaultLimit})</span>}</td>
                  <td className="px-3 py-3">
                    {a.groupIds.length ? (
                      <span className="flex flex-wrap gap-1">
                        {a.groupIds.map((id) => (
                          <Badge key={id}>{groupName.get(id) ?? 'Unknown'}</Badge>
                        ))}
                      </span>
                    ) : (
                      <span className="text-slate-400">None</span>
                    )}
                  </td>
                  <td className="px-3 py-3">
                    {!a.active ? <Badge tone="red">Deactivated</Badge> : a.invitePending ? <Badge tone="amber">Invited</Badge> : <Badge tone="green">Active</Badge>}
                  </td>
                  <td className="px-5 py-3 text-right">
                    <Link href={`/admin/agents/${a.id}`} className="rounded font-medium text-indigo-600 hover:text-indigo-500">
                      Edit<span className="sr-only"> {a.name}</span>
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </Card>
      <CreateAgentForm
        groups={groups}
        defaultLimit={defaultLimit}
        onCreated={(name, email) => {
          setNotice(`Invitation sent to ${email}. ${name} appears as "Invited" until they set a password.`);
          router.refresh();
        }}
      />
    </div>
  );
}
