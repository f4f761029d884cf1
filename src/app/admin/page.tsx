import Link from 'next/link';
import { allLinks, navFor } from '@/components/console/nav';
import { PageHeader } from '@/components/console/PageHeader';
import { Card, CardBody } from '@/components/ui/Card';
import { cn } from '@/components/ui/cn';
import { focusRing } from '@/components/ui/Button';
import { CONSOLE_ROLES, requirePageUser } from '@/lib/auth';
import { services } from '@/server/web';

export const metadata = { title: 'Console' };

const DESCRIPTIONS: Record<string, string> = {
  '/admin/live-chat/mode': 'Real-time or always-on reception, and the notice shown when no agent is free.',
  '/admin/live-chat/settings/chat/assignment': 'How chats reach agents, and how many each agent takes at once.',
  '/admin/live-chat/settings/chat/assignment/queue': 'The waiting line when every agent is busy: length, VIP priority, messages, timeout.',
  '/admin/agents': 'Add agents and supervisors, set roles, limits and skill groups.',
  '/admin/skill-groups': 'Group agents by skill so chats can be routed to the right people.',
  '/admin/widget': 'The script tag that puts the chat widget on your site or app.',
  '/admin/audit': 'Who changed which setting, when, and what changed.',
  '/agent': 'Go online and answer chats.',
  '/admin/live-chat/settings/chat/submission': 'Leave-a-message: when the form is offered, its fields and rules, offline message or ticket.',
  '/admin/working-hours': 'Weekly hours, time zone and holidays, for the workspace and per skill group.',
  '/agent/submissions': 'Messages and tickets visitors left: filter, assign, set status and reply.',
};

export default async function ConsoleHome() {
  const user = await requirePageUser(CONSOLE_ROLES, '/admin');
  const s = services();
  const [agents, groups, mode] = await Promise.all([
    s.accounts.listAgents(user.workspaceId),
    s.accounts.listGroups(user.workspaceId),
    s.settings.value(user.workspaceId, 'mode'),
  ]);
  const active = agents.filter((a) => a.active);
  const stats = [
    { label: 'Active team members', value: String(active.length) },
    { label: 'Agents', value: String(active.filter((a) => a.role === 'agent').length) },
    { label: 'Skill groups', value: String(groups.length) },
    { label: 'Reception mode', value: mode.mode === 'realtime' ? 'Real-time' : 'Always-on' },
  ];
  const links = allLinks(navFor(user.role)).filter((l) => l.href !== '/admin');

  return (
    <>
      <PageHeader title={`Welcome, ${user.name}`} description="Your workspace at a glance." />
      <dl className="grid grid-cols-2 gap-4 lg:grid-cols-4">
        {stats.map((s) => (
          <Card key={s.label} as="div" className="px-4 py-4">
            <dt className="text-xs font-medium text-slate-500">{s.label}</dt>
            <dd className="mt-1 text-2xl font-semibold text-slate-900">{s.value}</dd>
          </Card>
        ))}
      </dl>
      <h2 className="mb-3 mt-10 text-sm font-semibold text-slate-900">Go to</h2>
      <ul className="grid gap-4 sm:grid-cols-2">
        {links.map((l) => (
          <li key={l.href}>
            <Link href={l.href} className={cn('block h-full rounded-lg', focusRing)}>
              <Card as="div" className="h-full transition-shadow hover:shadow-md">
                <CardBody>
                  <p className="text-sm font-semibold text-indigo-700">{l.label}</p>
                  <p className="mt-1 text-sm text-slate-600">{DESCRIPTIONS[l.href] ?? ''}</p>
                </CardBody>
              </Card>
            </Link>
          </li>
        ))}
      </ul>
    </>
  );
}
