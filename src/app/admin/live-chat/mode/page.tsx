import { ModeSettingsForm } from '@/components/console/ModeSettingsForm';
import { PageHeader } from '@/components/console/PageHeader';
import { ADMIN_ONLY, requirePageUser } from '@/lib/auth';
import { services } from '@/server/web';

export const metadata = { title: 'Mode Settings' };

export default async function ModeSettingsPage() {
  const user = await requirePageUser(ADMIN_ONLY, '/admin/live-chat/mode');
  const stored = await services().settings.get(user.workspaceId, 'mode');
  return (
    <>
      <PageHeader
        trail={['Live Chat']}
        title="Mode Settings"
        description="Choose how your workspace receives chats. You can switch at any time."
      />
      <ModeSettingsForm initial={{ version: stored.version, value: stored.value }} />
    </>
  );
}
