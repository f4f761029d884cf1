import Link from 'next/link';
import { PageHeader } from '@/components/console/PageHeader';
import { WorkingHoursForm } from '@/components/console/WorkingHoursForm';
import { ADMIN_ONLY, requirePageUser } from '@/lib/auth';
import { services } from '@/server/web';

export const metadata = { title: 'Working hours' };

/** Every IANA time zone this runtime knows, plus UTC (some engines leave it out of the list). */
function timeZones(): string[] {
  const zones = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return zones.includes('UTC') ? zones : ['UTC', ...zones];
}

export default async function WorkingHoursPage() {
  const user = await requirePageUser(ADMIN_ONLY, '/admin/working-hours');
  const s = services();
  const [stored, groups] = await Promise.all([s.settings.get(user.workspaceId, 'workingHours'), s.accounts.listGroups(user.workspaceId)]);
  return (
    <>
      <PageHeader
        trail={['Workspace']}
        title="Working hours"
        description={
          <>
            When your team is available. Used by routing (closed targets overflow) and by{' '}
            <Link href="/admin/live-chat/settings/chat/submission" className="font-medium text-indigo-700 underline hover:text-indigo-600">
              leave-a-message
            </Link>{' '}
            outside these hours.
          </>
        }
      />
      <WorkingHoursForm initial={{ version: stored.version, value: stored.value }} groups={groups} timezones={timeZones()} />
    </>
  );
}
