import Link from 'next/link';
import { PageHeader } from '@/components/console/PageHeader';
import { buttonClasses } from '@/components/ui/Button';
import { Card, CardBody } from '@/components/ui/Card';
import { Badge } from '@/components/ui/Badge';
import { CONSOLE_ROLES, requirePageUser } from '@/lib/auth';
import { services } from '@/server/web';
import { DateTime } from '@/components/ui/DateTime';
import { Alert } from '@/components/ui/Alert';
import { RetentionCard } from './RetentionCard';

export const metadata = { title: 'Customers' };

/** Customers (F2 CRM): list, search, pagination. */
export default async function CustomersPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePageUser(CONSOLE_ROLES, '/admin/customers');
  const sp = await searchParams;
  const q = typeof sp.q === 'string' ? sp.q.slice(0, 200) : '';
  const page = Math.max(Number.parseInt(typeof sp.page === 'string' ? sp.page : '1', 10) || 1, 1);
  const list = await services().customers.list(user.workspaceId, { q, page, pageSize: 25 });
  const pages = Math.max(Math.ceil(list.total / list.pageSize), 1);
  const erased = typeof sp.erased === 'string' ? Number.parseInt(sp.erased, 10) : null;
  const retention = user.role === 'admin' ? await services().settings.get(user.workspaceId, 'privacy') : null;
  const href = (p: number) => `/admin/customers?${new URLSearchParams({ ...(q ? { q } : {}), page: String(p) })}`;
  return (
    <>
      <PageHeader title="Customers" description="Visitors your site identified with data-partnerid, saved when customer info auto-save is on." />
      {erased !== null && Number.isFinite(erased) ? (
        <Alert tone="success" className="mb-4">
          The customer was erased with {erased === 1 ? '1 conversation' : `${erased} conversations`}.
        </Alert>
      ) : null}
      {retention ? <RetentionCard initial={{ version: retention.version, value: retention.value }} /> : null}
      <form method="get" className="mb-4 flex gap-2" role="search">
        <label htmlFor="q" className="sr-only">
          Search customers
        </label>
        <input
          id="q"
          name="q"
          defaultValue={q}
          placeholder="Search partner id, name, email, phone"
          className="h-10 w-full max-w-md rounded-md px-3 text-sm ring-1 ring-slate-300"
        />
        <button type="submit" className={buttonClasses('secondary')}>
          Search
        </button>
      </form>
      <Card>
        <CardBody className="overflow-x-auto">
          {list.items.length ? (
            <table className="min-w-full text-left text-sm" data-testid="customers-table">
              <thead className="text-xs uppercase tracking-wide text-slate-500">
                <tr>
                  <th className="py-2 pr-4 font-medium">Partner id</th>
                  <th className="py-2 pr-4 font-medium">Name</th>
                  <th className="py-2 pr-4 font-medium">Email</th>
                  <th className="py-2 pr-4 font-medium">Phone</th>
                  <th className="py-2 pr-4 font-medium">Visits</th>
                  <th className="py-2 font-medium">Last seen</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {list.items.map((c) => (
                  <tr key={c.id}>
                    <td className="py-2 pr-4">
                      <Link href={`/admin/customers/${c.id}`} className="font-medium text-indigo-700 hover:underline">
                        {c.partnerId ?? c.email ?? c.name ?? 'Contact'}
                      </Link>{' '}
                      {c.verified ? <Badge tone="green">verified</Badge> : null}
                    </td>
                    <td className="py-2 pr-4">{c.name ?? '–'}</td>
                    <td className="py-2 pr-4">{c.email ?? '–'}</td>
                    <td className="py-2 pr-4">{c.phone ?? '–'}</td>
                    <td className="py-2 pr-4">{c.visits}</td>
                    <td className="py-2 text-slate-600"><DateTime value={c.lastSeenAt} /></td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p className="text-sm text-slate-500">
              {q ? `No customer matches “${q}”.` : 'No customers yet. Turn on customer info auto-save and pass data-partnerid in the embed code.'}
            </p>
          )}
        </CardBody>
      </Card>
      <nav aria-label="Pages" className="mt-4 flex items-center justify-between text-sm text-slate-600">
        <span>
          {list.total} customer{list.total === 1 ? '' : 's'} · page {Math.min(page, pages)} of {pages}
        </span>
        <span className="flex gap-2">
          {page > 1 ? (
            <Link className={buttonClasses('secondary', 'sm')} href={href(page - 1)}>
              Previous
            </Link>
          ) : null}
          {page < pages ? (
            <Link className={buttonClasses('secondary', 'sm')} href={href(page + 1)}>
              Next
            </Link>
          ) : null}
        </span>
      </nav>
    </>
  );
}
