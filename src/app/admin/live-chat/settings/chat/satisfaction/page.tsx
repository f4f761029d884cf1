import { PageHeader } from '@/components/console/PageHeader';
import { SatisfactionSettingsForm } from '@/components/console/service/SatisfactionSettingsForm';
import { ADMIN_ONLY, requirePageUser } from '@/lib/auth';
import { services } from '@/server/web';

export const metadata = { title: 'Satisfaction' };

export default async function SatisfactionSettingsPage() {
  const user = await requirePageUser(ADMIN_ONLY, '/admin/live-chat/settings/chat/satisfaction');
  const [stored, groups] = await Promise.all([services().settings.get(user.workspaceId, 'satisfaction'), services().accounts.listGroups(user.workspaceId)]);
  return (
    <>
      <PageHeader trail={['Live Chat', 'Settings', 'Chat']} title="Satisfaction" description="Ask visitors to rate their chat: the scale, labels and tags, when to invite, and who sees the results." />
      <SatisfactionSettingsForm initial={{ version: stored.version, value: stored.value }} groups={groups.map((g) => ({ id: g.id, name: g.name }))} />
    </>
  );
}
