import { PageHeader } from '@/components/console/PageHeader';
import { SensitiveWordsManager } from '@/components/console/SensitiveWordsManager';
import { ADMIN_ONLY, requirePageUser } from '@/lib/auth';
import { services } from '@/server/web';

export const metadata = { title: 'Sensitive Words' };

export default async function SensitiveWordsPage() {
  const user = await requirePageUser(ADMIN_ONLY, '/admin/live-chat/settings/chat/sensitive-words');
  const stored = await services().settings.get(user.workspaceId, 'sensitiveWords');
  return (
    <>
      <PageHeader
        trail={['Live Chat', 'Settings', 'Chat']}
        title="Sensitive Words"
        description="Words customers or agents may not use. Each list has its own action; every hit is logged and shown live in Chat Monitoring."
      />
      <SensitiveWordsManager initial={{ version: stored.version, value: stored.value }} />
    </>
  );
}
