import { PageHeader } from '@/components/console/PageHeader';
import { EndOfChatSettingsForm } from '@/components/console/service/EndOfChatSettingsForm';
import { ADMIN_ONLY, requirePageUser } from '@/lib/auth';
import { services } from '@/server/web';

export const metadata = { title: 'End of Chat' };

export default async function EndOfChatSettingsPage() {
  const user = await requirePageUser(ADMIN_ONLY, '/admin/live-chat/settings/chat/end-of-chat');
  const stored = await services().settings.get(user.workspaceId, 'endOfChat');
  return (
    <>
      <PageHeader trail={['Live Chat', 'Settings', 'Chat']} title="End of Chat" description="What visitors are told when a chat ends, when an agent is slow to reply, and when they stop answering." />
      <EndOfChatSettingsForm initial={{ version: stored.version, value: stored.value }} />
    </>
  );
}
