import { PageHeader } from '@/components/console/PageHeader';
import { Badge } from '@/components/ui/Badge';
import { Card, CardHeader } from '@/components/ui/Card';
import { EmptyState } from '@/components/ui/EmptyState';
import { deliveryLog } from '@/domain/email/outbox';
import type { EmailStatus } from '@/db/schema';
import { ADMIN_ONLY, requirePageUser } from '@/lib/auth';
import { env } from '@/lib/env';
import { services } from '@/server/web';

export const metadata = { title: 'Email delivery log' };

const KIND_LABELS: Record<string, string> = {
  invite: 'Invitation',
  password_reset: 'Password reset',
  email_change: 'Email change',
  notify_assigned: 'Chat assigned',
  notify_message: 'New visitor message',
};
const STATUS: Record<EmailStatus, { label: string; tone: 'gray' | 'green' | 'red' | 'amber' | 'indigo' }> = {
  pending: { label: 'Waiting', tone: 'gray' },
  sending: { label: 'Sending', tone: 'indigo' },
  sent: { label: 'Sent', tone: 'green' },
  failed: { label: 'Failed', tone: 'red' },
  suppressed: { label: 'Suppressed', tone: 'amber' },
};
const when = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });

/** Workspace > Email delivery log: the latest 100 emails, with the SMTP server's answer. */
export default async function EmailLogPage() {
  const user = await requirePageUser(ADMIN_ONLY, '/admin/email');
  const entries = await deliveryLog(services().db, user.workspaceId, { limit: 100 });
  const smtpConfigured = Boolean(env().SMTP_URL);
  return (
    <>
      <PageHeader
        trail={['Workspace']}
        title="Email delivery log"
        description="Every email this workspace sent or tried to send: invitations, password resets and notifications, with the mail server's answer."
      />
      {!smtpConfigured ? (
        <p role="status" className="mb-4 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-800 ring-1 ring-inset ring-amber-600/20">
          No outgoing mail server is configured (SMTP_URL), so emails wait here until one is. See docs/email.md.
        </p>
      ) : null}
      <Card>
        <CardHeader title={`Latest emails (${entries.length})`} description="Times in UTC. Failed emails were retried with increasing delays first; suppressed addresses bounced or complained earlier." />
        {entries.length === 0 ? (
          <div className="p-5">
            <EmptyState title="No emails yet" description="Invite a team member under Team > Agents and the invitation appears here." />
          </div>
        ) : (
          <div className="overflow-x-auto">
            <table className="min-w-full divide-y divide-slate-200 text-sm">
              <thead className="bg-slate-50 text-left text-xs uppercase tracking-wide text-slate-500">
                <tr>
                  <th scope="col" className="px-5 py-2.5 font-medium">Email</th>
                  <th scope="col" className="px-3 py-2.5 font-medium">To</th>
                  <th scope="col" className="px-3 py-2.5 font-medium">Status</th>
                  <th scope="col" className="px-3 py-2.5 font-medium">Mail server answer</th>
                  <th scope="col" className="px-5 py-2.5 font-medium">Queued</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100 bg-white">
                {entries.map((e) => (
                  <tr key={e.id}>
                    <td className="px-5 py-3">
                      <p className="font-medium text-slate-900">{KIND_LABELS[e.kind] ?? e.kind}</p>
                      <p className="max-w-xs truncate text-slate-500">{e.subject}</p>
                    </td>
                    <td className="px-3 py-3 break-all">{e.to}</td>
                    <td className="whitespace-nowrap px-3 py-3">
                      <Badge tone={STATUS[e.status].tone}>{STATUS[e.status].label}</Badge>
                      <span className="ml-2 text-xs text-slate-500">
                        {e.attempts} {e.attempts === 1 ? 'attempt' : 'attempts'}
                      </span>
                    </td>
                    <td className="max-w-sm px-3 py-3 text-slate-600">
                      <span className="line-clamp-2 break-words">{e.lastResponse ?? (e.status === 'pending' ? 'Not tried yet' : '—')}</span>
                    </td>
                    <td className="whitespace-nowrap px-5 py-3 text-slate-600">
                      {when.format(e.createdAt)}
                      {e.sentAt ? <span className="block text-xs text-slate-500">sent {when.format(e.sentAt)}</span> : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
    </>
  );
}
