import Link from 'next/link';
import { AssignmentSettingsForm } from '@/components/console/AssignmentSettingsForm';
import { PageHeader } from '@/components/console/PageHeader';
import { ADMIN_ONLY, requirePageUser } from '@/lib/auth';
import { services } from '@/server/web';

export const metadata = { title: 'Customer Assignment Strategy' };

export default async function AssignmentSettingsPage() {
  const user = await requirePageUser(ADMIN_ONLY, '/admin/live-chat/settings/chat/assignment');
  const s = services();
  const [stored, agents, groups] = await Promise.all([
    s.settings.get(user.workspaceId, 'assignment'),
    s.accounts.listAgents(user.workspaceId),
    s.accounts.listGroups(user.workspaceId),
  ]);
  const directory = { agents: agents.map(({ createdAt: _createdAt, ...a }) => a), groups };
  return (
    <>
      <PageHeader
        trail={['Live Chat', 'Settings', 'Chat']}
        title="Customer Assignment Strategy"
        description={
          <>
            How new chats are distributed among your agents. What happens when nobody can take a chat is set in{' '}
            <Link href="/admin/live-chat/settings/chat/assignment/queue" className="font-medium text-indigo-700 hover:underline">
              Queue Settings
            </Link>
            .
          </>
        }
      />
      <AssignmentSettingsForm initial={{ version: stored.version, value: stored.value }} directory={directory} />
    </>
  );
}
