import { notFound } from 'next/navigation';
import { z } from 'zod';
import { PageHeader } from '@/components/console/PageHeader';
import { Card, CardBody, CardHeader } from '@/components/ui/Card';
import { DateTime } from '@/components/ui/DateTime';
import { CONSOLE_ROLES, requirePageUser } from '@/lib/auth';
import { services } from '@/server/web';
import { DataRightsCard } from './DataRightsCard';

export const metadata = { title: 'Customer' };

const CHANNEL_LABEL: Record<string, string> = { desktop: 'Desktop site', mobile: 'Mobile site', app: 'App' };
const STATUS_LABEL: Record<string, string> = { queued: 'waiting', active: 'ongoing', unassigned: 'unassigned', ended: 'ended' };
const ENDED_BY_LABEL: Record<string, string> = { visitor: 'the visitor', agent: 'the agent', system: 'time-out' };

export default async function CustomerPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requirePageUser(CONSOLE_ROLES, '/admin/customers');
  const id = z.uuid().safeParse((await params).id);
  if (!id.success) notFound();
  const { customers, satisfaction } = services();
  const customer = await customers.get(user.workspaceId, id.data);
  if (!customer) notFound();
  const ratingsVisible = await satisfaction.canSeeResults(user.workspaceId, user);
  const [history, ratings, timeline] = await Promise.all([
    customers.conversations(user.workspaceId, customer.id, 50),
    ratingsVisible ? satisfaction.forCustomer(user.workspaceId, customer.id, 50) : Promise.resolve([]),
    customers.timeline(user.workspaceId, customer.id, { ratings: ratingsVisible }),
  ]);
  return (
    <>
      <PageHeader trail={['Customers']} title={customer.name ?? customer.partnerId ?? customer.email ?? 'Contact'} description={customer.partnerId ? `Partner id ${customer.partnerId}${customer.verified ? ' · verified' : ''}` : `Contact by email ${customer.email ?? ''}`} />
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6">
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
                  ['First seen', <DateTime key="first" value={customer.createdAt} />],
                  ['Last seen', <DateTime key="last" value={customer.lastSeenAt} />],
                ].map(([k, v]) => (
                  <div key={String(k)}>
                    <dt className="text-xs text-slate-500">{k}</dt>
                    <dd className="break-all text-slate-800">{v || '–'}</dd>
                  </div>
                ))}
              </dl>
            </CardBody>
          </Card>
          {user.role === 'admin' ? <DataRightsCard customerId={customer.id} partnerId={customer.partnerId ?? customer.email ?? ''} /> : null}
        </div>
        <div className="space-y-6 lg:col-span-2">
          <Card>
            <CardHeader title="Timeline" />
            <CardBody>
              {timeline.length ? (
                <ol className="space-y-3 border-l-2 border-slate-200 pl-4 text-sm" data-testid="contact-timeline">
                  {timeline.map((e) => (
                    <li key={`${e.kind}-${e.id}`}>
                      <p className="text-xs text-slate-500">
                        <DateTime value={e.at} />
                      </p>
                      <p className="text-slate-800">
                        {e.kind === 'conversation'
                          ? `Chat on the ${CHANNEL_LABEL[e.channel]?.toLowerCase() ?? e.channel} with ${e.agentName ?? 'no agent'} · ${STATUS_LABEL[e.status] ?? e.status}`
                          : e.kind === 'rating'
                            ? `Rated the chat ${e.score}/${e.scale} (${e.label})${e.comment ? `: “${e.comment}”` : ''}`
                            : `Left message #${e.number}${e.content ? `: “${e.content.length > 120 ? `${e.content.slice(0, 120)}…` : e.content}”` : ''}`}
                      </p>
                    </li>
                  ))}
                </ol>
              ) : (
                <p className="text-sm text-slate-500">Nothing yet: chats, ratings and messages of this person will show here.</p>
              )}
            </CardBody>
          </Card>
          <Card>
            <CardHeader title="Conversations" />
            <CardBody>
              {history.length ? (
                <ul className="divide-y divide-slate-100 text-sm">
                  {history.map((c) => (
                    <li key={c.id} className="py-2">
                      <DateTime value={c.startedAt} /> · {CHANNEL_LABEL[c.channel] ?? c.channel} · {c.agentName ?? 'no agent'} · {STATUS_LABEL[c.status] ?? c.status}
                      {c.endedBy ? ` (ended by ${ENDED_BY_LABEL[c.endedBy] ?? c.endedBy})` : ''}
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
