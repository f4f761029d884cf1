import { TagsManager } from '@/components/console/agent-tools/TagsManager';
import { PageHeader } from '@/components/console/PageHeader';
import { CONSOLE_ROLES, requirePageUser } from '@/lib/auth';
import { services } from '@/server/web';

export const metadata = { title: 'Tags' };
export const dynamic = 'force-dynamic';

export default async function TagsPage() {
  const user = await requirePageUser(CONSOLE_ROLES, '/admin/live-chat/tags');
  const tags = await services().tools.tags.list(user.workspaceId);
  return (
    <>
      <PageHeader trail={['Live Chat']} title="Tags" description="Coloured labels for conversations." />
      <TagsManager tags={tags} canEdit={user.role === 'admin'} />
    </>
  );
}
