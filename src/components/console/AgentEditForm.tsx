'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { Alert } from '../ui/Alert';
import { Badge } from '../ui/Badge';
import { Button } from '../ui/Button';
import { Card, CardBody, CardHeader } from '../ui/Card';
import { Field, fieldProps } from '../ui/Field';
import { Input } from '../ui/Input';
import { api, fieldErrors, type ApiError } from './api';
import { AgentRoutingFields } from './AgentRoutingFields';
import type { AgentRow, GroupRow } from './types';
import { PASSWORD_HINT } from '@/domain/accounts/password-rules';

type Status = { tone: 'success' | 'error'; text: string } | null;

export function AgentEditForm({ agent, groups, defaultLimit, isSelf }: { agent: AgentRow; groups: GroupRow[]; defaultLimit: number; isSelf: boolean }) {
  const router = useRouter();
  const [current, setCurrent] = useState(agent);
  const [form, setForm] = useState({
    name: agent.name,
    role: agent.role,
    receptionLimit: agent.receptionLimit === null ? '' : String(agent.receptionLimit),
    groupIds: agent.groupIds,
  });
  const [busy, setBusy] = useState<null | 'profile' | 'password' | 'active'>(null);
  const [profileError, setProfileError] = useState<ApiError | null>(null);
  const [profileStatus, setProfileStatus] = useState<Status>(null);
  const [password, setPassword] = useState('');
  const [passwordError, setPasswordError] = useState<ApiError | null>(null);
  const [passwordStatus, setPasswordStatus] = useState<Status>(null);
  const [activeStatus, setActiveStatus] = useState<Status>(null);
  const [confirmDeactivate, setConfirmDeactivate] = useState(false);

  const errors = fieldErrors(profileError);
  const pwErrors = fieldErrors(passwordError);

  async function patch(body: Record<string, unknown>) {
    return api<{ agent: AgentRow }>('PATCH', `/api/admin/agents/${agent.id}`, body);
  }

  async function saveProfile(e: FormEvent) {
    e.preventDefault();
    setBusy('profile');
    setProfileError(null);
    setProfileStatus(null);
    const res = await patch({
      name: form.name,
      ...(isSelf ? {} : { role: form.role }),
      receptionLimit: form.receptionLimit === '' ? null : Number(form.receptionLimit),
      groupIds: form.groupIds,
    });
    setBusy(null);
    if (!res.ok) {
      setProfileError(res.error);
      return;
    }
    setCurrent(res.agent);
    setProfileStatus({ tone: 'success', text: 'Changes saved.' });
    router.refresh();
  }

  async function resetPassword(e: FormEvent) {
    e.preventDefault();
    setBusy('password');
    setPasswordError(null);
    setPasswordStatus(null);
    const res = await patch({ password });
    setBusy(null);
    if (!res.ok) {
      setPasswordError(res.error);
      return;
    }
    setPassword('');
    setPasswordStatus({ tone: 'success', text: 'Password changed. Share the new password with them securely.' });
  }

  async function setActive(active: boolean) {
    setBusy('active');
    setActiveStatus(null);
    const res = await patch({ active });
    setBusy(null);
    setConfirmDeactivate(false);
    if (!res.ok) {
      setActiveStatus({ tone: 'error', text: res.error.message });
      return;
    }
    setCurrent(res.agent);
    setActiveStatus({ tone: 'success', text: active ? 'Reactivated: they can sign in again.' : 'Deactivated: they are signed out and can no longer sign in.' });
    router.refresh();
  }

  return (
    <div className="space-y-6">
      <form onSubmit={saveProfile} noValidate>
        <Card as="div">
          <CardHeader
            title="Profile and routing"
            actions={current.active ? <Badge tone="green">Active</Badge> : <Badge tone="red">Deactivated</Badge>}
            description="Name, role, skill groups and how many chats this person takes at once."
          />
          <div className="grid gap-4 px-5 py-5 md:grid-cols-2">
            {profileError && !Object.keys(errors).length ? <Alert tone="error" className="md:col-span-2">{profileError.message}</Alert> : null}
            <Field id="edit-name" label="Name" error={errors.name}>
              <Input {...fieldProps('edit-name', errors.name)} value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />
            </Field>
            <Field id="edit-email" label="Email" hint="Email addresses cannot be changed.">
              <Input {...fieldProps('edit-email', null, true)} value={agent.email} readOnly disabled />
            </Field>
            <AgentRoutingFields idPrefix="edit" form={form} setForm={setForm} errors={errors} defaultLimit={defaultLimit} groups={groups} roleLocked={isSelf} />
            {profileStatus ? <Alert tone={profileStatus.tone} className="md:col-span-2">{profileStatus.text}</Alert> : null}
          </div>
          <div className="flex justify-end border-t border-slate-200 bg-slate-50 px-5 py-3 rounded-b-lg">
            <Button type="submit" loading={busy === 'profile'}>
              Save changes
            </Button>
          </div>
        </Card>
      </form>

      <form onSubmit={resetPassword} noValidate>
        <Card as="div">
          <CardHeader title="Reset password" description="Sets a new password; the old one stops working." />
          <CardBody className="space-y-3">
            <Field id="edit-password" label="New password" hint={PASSWORD_HINT} error={pwErrors.password ?? (passwordError && !pwErrors.password ? passwordError.message : undefined)} className="max-w-sm">
              <Input
                {...fieldProps('edit-password', pwErrors.password ?? passwordError?.message, true)}
                type="password"
                autoComplete="new-password"
                value={password}
                onChange={(e) => setPassword(e.target.value)}
              />
            </Field>
            {passwordStatus ? <Alert tone={passwordStatus.tone}>{passwordStatus.text}</Alert> : null}
            <Button type="submit" variant="secondary" loading={busy === 'password'} disabled={!password}>
              Set new password
            </Button>
          </CardBody>
        </Card>
      </form>

      <Card>
        <CardHeader
          title={current.active ? 'Deactivate account' : 'Reactivate account'}
          description={
            current.active
              ? 'A deactivated member cannot sign in and receives no chats. Their history is kept. You can reactivate them later.'
              : 'Let them sign in and receive chats again.'
          }
        />
        <CardBody className="space-y-3">
          {activeStatus ? <Alert tone={activeStatus.tone}>{activeStatus.text}</Alert> : null}
          {isSelf ? (
            <p className="text-sm text-slate-500">You cannot deactivate your own account.</p>
          ) : current.active ? (
            confirmDeactivate ? (
              <div className="flex flex-wrap items-center gap-3" role="group" aria-label="Confirm deactivation">
                <span className="text-sm text-slate-700">Deactivate {current.name}?</span>
                <Button variant="danger" loading={busy === 'active'} onClick={() => setActive(false)} autoFocus>
                  Yes, deactivate
                </Button>
                <Button variant="secondary" onClick={() => setConfirmDeactivate(false)}>
                  Cancel
                </Button>
              </div>
            ) : (
              <Button variant="danger" onClick={() => setConfirmDeactivate(true)}>
                Deactivate…
              </Button>
            )
          ) : (
            <Button variant="secondary" loading={busy === 'active'} onClick={() => setActive(true)}>
              Reactivate
            </Button>
          )}
        </CardBody>
      </Card>
    </div>
  );
}
