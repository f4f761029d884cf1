import { PageHeader } from '@/components/console/PageHeader';
import { AutoSaveSettingsForm } from '@/components/console/service/AutoSaveSettingsForm';
import { ADMIN_ONLY, requirePageUser } from '@/lib/auth';
import { services } from '@/server/web';

export const metadata = { title: 'Customer Info Auto-save' };

export default async function CustomerInfoSettingsPage() {
  const user = await requirePageUser(ADMIN_ONLY, '/admin/live-chat/settings/chat/customer-info');
  const stored = await services().settings.get(user.workspaceId, 'autoSave');
  return (
    <>
      <PageHeader trail={['Live Chat', 'Settings', 'Chat']} title="Customer Info Auto-save" description="Save customers your site identifies to the CRM, and verify their identity." />
      <AutoSaveSettingsForm initial={{ version: stored.version, value: stored.value }} />
    </>
  );
}
