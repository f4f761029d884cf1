import type { Metadata } from 'next';
import { Suspense } from 'react';
import { ReportsView } from '@/components/reports/ReportsView';
import { Spinner } from '@/components/ui/Spinner';
import { ReportService } from '@/domain/reports/service';
import { ALL_ROLES, requirePageUser } from '@/lib/auth';
import { services } from '@/server/web';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'My figures' };

/**
 * "My figures" (F14) for every staff role, reachable from the agent workspace: the Reports components with
 * the agent filter fixed to the viewer. The API forces it for the agent role whatever the URL says
 * (ReportService.resolve), so an agent can never read someone else's figures here.
 */
export default async function MyFiguresPage() {
  const user = await requirePageUser(ALL_ROLES, '/agent/reports');
  const reports = new ReportService(services().db);
  const [dims, timeZone] = await Promise.all([reports.dimensions(user.workspaceId), reports.defaultTimeZone(user.workspaceId)]);
  const me = dims.agents.filter((a) => a.id === user.id);
  return (
    <main className="min-h-dvh bg-slate-50">
      <div className="mx-auto max-w-6xl px-4 py-6">
        <div className="mb-4 flex flex-wrap items-center justify-between gap-2">
          <div>
            <h1 className="text-xl font-semibold text-slate-900">My figures</h1>
            <p className="text-sm text-slate-600">Chats you handled, how fast you answered, your ratings. Durations show average, median and 90th percentile.</p>
          </div>
          <a href="/agent" className="text-sm text-indigo-700 hover:underline">
            Back to chats
          </a>
        </div>
        <Suspense fallback={<Spinner label="Loading your figures" />}>
          <ReportsView dims={{ ...dims, agents: me, timeZone, role: 'agent' }} self={{ id: user.id }} />
        </Suspense>
      </div>
    </main>
  );
}
