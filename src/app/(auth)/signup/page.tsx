'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { signIn } from 'next-auth/react';
import { useState, type FormEvent } from 'react';
import { api, fieldErrors } from '@/components/console/api';
import { AuthShell } from '@/components/console/AuthShell';
import { Alert } from '@/components/ui/Alert';
import { Button } from '@/components/ui/Button';
import { Field, fieldProps } from '@/components/ui/Field';
import { Input } from '@/components/ui/Input';
import { PASSWORD_HINT, PASSWORD_MIN_LENGTH } from '@/domain/accounts/password-rules';

type Form = { workspaceName: string; name: string; email: string; password: string };

export default function SignUpPage() {
  const router = useRouter();
  const [form, setForm] = useState<Form>({ workspaceName: '', name: '', email: '', password: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const set = (key: keyof Form) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [key]: e.target.value }));

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setErrors({});
    setBusy(true);
    const res = await api('POST', '/api/signup', form);
    if (!res.ok) {
      const fields = fieldErrors(res.error);
      setErrors(fields);
      setError(Object.keys(fields).length ? 'Please fix the highlighted fields.' : res.error.message);
      setBusy(false);
      return;
    }
    const result = await signIn('credentials', { email: form.email.trim(), password: form.password, redirect: false });
    if (!result || result.error) {
      setError('Your workspace was created, but signing in failed. Please sign in.');
      setBusy(false);
      return;
    }
    router.replace('/admin');
    router.refresh();
  }

  return (
    <AuthShell
      title="Create your workspace"
      subtitle="You will be its admin. Add agents and set up the widget afterwards."
      footer={
        <>
          Already have an account?{' '}
          <Link href="/signin" className="font-medium text-indigo-600 hover:text-indigo-500">
            Sign in
          </Link>
        </>
      }
    >
      <form onSubmit={onSubmit} noValidate className="space-y-4">
        {error ? <Alert tone="error">{error}</Alert> : null}
        <Field id="workspaceName" label="Company or workspace name" error={errors.workspaceName}>
          <Input {...fieldProps('workspaceName', errors.workspaceName)} autoComplete="organization" autoFocus required value={form.workspaceName} onChange={set('workspaceName')} />
        </Field>
        <Field id="name" label="Your name" error={errors.name}>
          <Input {...fieldProps('name', errors.name)} autoComplete="name" required value={form.name} onChange={set('name')} />
        </Field>
        <Field id="email" label="Work email" error={errors.email}>
          <Input {...fieldProps('email', errors.email)} type="email" autoComplete="email" required value={form.email} onChange={set('email')} />
        </Field>
        <Field id="password" label="Password" hint={PASSWORD_HINT} error={errors.password}>
          <Input
            {...fieldProps('password', errors.password, true)}
            type="password"
            autoComplete="new-password"
            required
            minLength={PASSWORD_MIN_LENGTH}
            value={form.password}
            onChange={set('password')}
          />
        </Field>
        <Button type="submit" loading={busy} className="w-full">
          Create workspace
        </Button>
      </form>
    </AuthShell>
  );
}
