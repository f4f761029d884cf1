import { Suspense } from 'react';
import { PageHeader } from '@/components/console/PageHeader';
import { ReportsView } from '@/components/reports/ReportsView';
import { GreetingCounts } from '@/components/console/GreetingCounts';
import { Spinner } from '@/components/ui/Spinner';
import { ReportService } from '@/domain/reports/service';
import { CONSOLE_ROLES, requirePageUser } from '@/lib/auth';
import { services } from '@/server/web';

export const metadata = { title: 'Reports' };

/** Reports (F14): overview, agents, busiest hours, queue and live views; definitions in docs/reports.md. */
export default async function ReportsPage() {
  const user = await requirePageUser(CONSOLE_ROLES, '/admin/reports');
  const reports = new ReportService(services().db);
  const [dims, timeZone, greetingCounts] = await Promise.all([reports.dimensions(user.workspaceId), reports.defaultTimeZone(user.workspaceId), services().greetings.counts(user.workspaceId)]);
  return (
    <>
      <PageHeader title="Reports" description="How many chats came in, how long visitors waited, how fast agents answered. Durations show average, median and 90th percentile." />
      <Suspense fallback={<Spinner label="Loading reports" />}>
        <ReportsView
          dims={{ ...dims, timeZone, role: user.role }}
          overviewFooter={<GreetingCounts counts={greetingCounts} description="Proactive greetings since they were created: how often each was shown and how many visitors answered with a chat." />}
        />
      </Suspense>
    </>
  );
}
