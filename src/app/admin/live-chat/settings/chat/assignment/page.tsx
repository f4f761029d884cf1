import { AssignmentSettingsForm } from '@/components/console/AssignmentSettingsForm';
import { PageHeader } from '@/components/console/PageHeader';
import { ADMIN_ONLY, requirePageUser } from '@/lib/auth';
import { services } from '@/lib/services';

export const metadata = { title: 'Customer Assignment Strategy' };

export default async function AssignmentSettingsPage() {
  const user = await requirePageUser(ADMIN_ONLY, '/admin/live-chat/settings/chat/assignment');
  const stored = await services().settings.get(user.workspaceId, 'assignment');
  return (
    <>
      <PageHeader
        trail={['Live Chat', 'Settings', 'Chat']}
        title="Customer Assignment Strategy"
        description="How new chats are distributed among your agents."
      />
      <AssignmentSettingsForm initial={{ version: stored.version, value: stored.value }} />
    </>
  );
}
