import { notFound } from 'next/navigation';
import { z } from 'zod';
import { PageHeader } from '@/components/console/PageHeader';
import { Card, CardBody, CardHeader } from '@/components/ui/Card';
import { CONSOLE_ROLES, requirePageUser } from '@/lib/auth';
import { services } from '@/server/web';

export const metadata = { title: 'Customer' };

export default async function CustomerPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePageUser(CONSOLE_ROLES, '/admin/customers');
  const id = z.uuid().safeParse((await params).id);
  if (!id.success) notFound();
  const { customers, satisfaction } = services();
  const customer = await customers.get(user.workspaceId, id.data);
  if (!customer) notFound();
  const [history, ratings] = await Promise.all([customers.conversations(user.workspaceId, customer.id, 50), satisfaction.forCustomer(user.workspaceId, customer.id, 50)]);
  const fmt = (d: string) => new Date(d).toLocaleString('en-GB', { timeZone: 'UTC' });
  return (
    <>
      <PageHeader trail={['Customers']} title={customer.name ?? customer.partnerId} description={`Partner id ${customer.partnerId}${customer.verified ? ' · verified' : ''}`} />
      <div className="grid gap-6 lg:grid-cols-3">
        <Card>
          <CardHeader title="Profile" />
          <CardBody>
            <dl className="space-y-2 text-sm">
              {[
                ['Name', customer.name],
                ['Email', customer.email],
                ['Phone', customer.phone],
                ...Object.entries(customer.params),
                ['Visits', String(customer.visits)],
                ['First seen', fmt(customer.createdAt)],
                ['Last seen', fmt(customer.lastSeenAt)],
              ].map(([k, v]) => (
                <div key={k}>
                  <dt className="text-xs text-slate-500">{k}</dt>
                  <dd className="break-all text-slate-800">{v || '–'}</dd>
                </div>
              ))}
            </dl>
          </CardBody>
        </Card>
        <div className="space-y-6 lg:col-span-2">
          <Card>
            <CardHeader title="Conversations" />
            <CardBody>
              {history.length ? (
                <ul className="divide-y divide-slate-100 text-sm">
                  {history.map((c) => (
                    <li key={c.id} className="py-2">
                      {fmt(c.startedAt)} · {c.channel} · {c.agentName ?? 'no agent'} · {c.status}
                      {c.endedBy ? ` (ended by ${c.endedBy})` : ''}
                    </li>
                  ))}
                </ul>
              ) : (
                <p className="text-sm text-slate-500">No conversations yet.</p>
              )}
            </CardBody>
          </Card>
          <Card>
            <CardHeader title="Ratings" />
            <CardBody>
              {ratings.length ? (
                <ul className="divide-y divide-slate-100 text-sm">
                  {ratings.map((r) => (
                    <li key={r.id} className="py-2">
                      {r.score}/{r.scale} {r.label} · {r.agentName ?? '–'}
                      {r.tags.length ? ` · ${r.tags.join(', ')}` : ''}
                      {r.comment ? ` · “${r.comment}”` : ''}
                    </li>
                  ))}
                </ul>
              ) : (
                <p className="text-sm text-slate-500">No ratings yet.</p>
              )}
            </CardBody>
          </Card>
        </div>
      </div>
    </>
  );
}
