'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import type { Checklist as ChecklistData, ChecklistStep } from '../../../domain/onboarding/service';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { Card } from '../../ui/Card';
import { DateTime } from '../../ui/DateTime';
import { api } from '../api';

const STEPS: Record<ChecklistStep['key'], { title: string; todo: string; href: string; action: string; adminOnly?: boolean }> = {
  widget: {
    title: 'Install the chat widget',
    todo: 'Paste the script tag into your site. This step ticks itself the first time the widget loads on one of your pages.',
    href: '/admin/widget',
    action: 'Get the script tag',
    adminOnly: true,
  },
  team: { title: 'Invite your team', todo: 'Add the agents who will answer chats.', href: '/admin/agents', action: 'Add agents', adminOnly: true },
  hours: { title: 'Set your working hours', todo: 'Say when your team is available, so visitors can leave a message outside those hours.', href: '/admin/working-hours', action: 'Set hours', adminOnly: true },
  chat: { title: 'Try a chat', todo: 'Go online in the agent workspace, then open your site in another window and write in the widget.', href: '/agent', action: 'Open the agent workspace' },
};

function StepText({ step, data }: { step: ChecklistStep; data: ChecklistData }) {
  if (step.key === 'widget' && data.widgetSeen) {
    return (
      <>
        Seen on{' '}
        <a href={data.widgetSeen.url} target="_blank" rel="noreferrer" className="break-all font-medium text-indigo-700 underline hover:text-indigo-600">
          {data.widgetSeen.url}
        </a>{' '}
        on <DateTime value={data.widgetSeen.at} />.
      </>
    );
  }
  if (step.key === 'team' && step.done) return <>{data.teamSize} people in your team.</>;
  if (step.key === 'hours' && step.done) return <>Working hours are set.</>;
  if (step.key === 'chat' && step.done) return <>Your first chat has happened.</>;
  return <>{STEPS[step.key].todo}</>;
}

/** The first-run checklist on the console home; dismissed for the whole workspace. */
export function Checklist({ data, isAdmin }: { data: ChecklistData; isAdmin: boolean }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const done = data.steps.filter((s) => s.done).length;

  async function setDismissed(dismissed: boolean) {
    setBusy(true);
    setError(null);
    const res = await api('POST', '/api/admin/onboarding', { dismissed });
    setBusy(false);
    if (!res.ok) return setError(res.error.message);
    router.refresh();
  }

  if (data.dismissed) {
    return (
      <p className="mb-6 text-sm text-slate-500">
        Getting started checklist hidden.{' '}
        <button type="button" className="font-medium text-indigo-700 underline hover:text-indigo-600" onClick={() => void setDismissed(false)} disabled={busy}>
          Show it again
        </button>
      </p>
    );
  }

  return (
    <Card className="mb-8" as="section">
      <div className="flex flex-wrap items-start justify-between gap-3 border-b border-slate-200 px-5 py-4">
        <div className="min-w-0">
          <h2 id="checklist-title" className="text-base font-semibold text-slate-900">
            Get started
          </h2>
          <p className="mt-1 text-sm text-slate-500">
            {done} of {data.steps.length} done
          </p>
        </div>
        <Button variant="secondary" onClick={() => void setDismissed(true)} loading={busy} data-testid="checklist-dismiss">
          Dismiss
        </Button>
      </div>
      <div className="h-1.5 bg-slate-100" aria-hidden="true">
        <div className="h-1.5 bg-indigo-600 transition-all" style={{ width: `${(done / data.steps.length) * 100}%` }} />
      </div>
      {error ? <Alert tone="error" className="mx-5 mt-3">{error}</Alert> : null}
      <ol aria-labelledby="checklist-title" className="divide-y divide-slate-100" data-testid="checklist">
        {data.steps.map((step) => {
          const meta = STEPS[step.key];
          const canAct = !meta.adminOnly || isAdmin;
          return (
            <li key={step.key} className="flex flex-wrap items-start gap-3 px-5 py-4 sm:flex-nowrap" data-step={step.key} data-done={step.done}>
              <span
                className={step.done ? 'mt-0.5 flex h-6 w-6 shrink-0 items-center justify-center rounded-full bg-green-600 text-white' : 'mt-0.5 h-6 w-6 shrink-0 rounded-full border-2 border-slate-300'}
                aria-hidden="true"
              >
                {step.done ? '✓' : ''}
              </span>
              <div className="min-w-[12rem] flex-1">
                <p className={step.done ? 'text-sm font-medium text-slate-500' : 'text-sm font-medium text-slate-900'}>
                  {meta.title}
                  <span className="sr-only">{step.done ? ' (done)' : ' (to do)'}</span>
                </p>
                <p className="mt-0.5 text-sm text-slate-600">
                  <StepText step={step} data={data} />
                </p>
              </div>
              {!step.done && canAct ? (
                <Link href={meta.href} className="ml-9 shrink-0 rounded-md px-3 py-1.5 sm:ml-0 text-sm font-medium text-indigo-700 ring-1 ring-indigo-200 hover:bg-indigo-50">
                  {meta.action}
                </Link>
              ) : null}
            </li>
          );
        })}
      </ol>
    </Card>
  );
}
