import { PageHeader } from '@/components/console/PageHeader';
import { SkillGroupsManager } from '@/components/console/SkillGroupsManager';
import { ADMIN_ONLY, requirePageUser } from '@/lib/auth';
import { services } from '@/server/web';

export const metadata = { title: 'Skill groups' };

export default async function SkillGroupsPage() {
  const user = await requirePageUser(ADMIN_ONLY, '/admin/skill-groups');
  const groups = await services().accounts.listGroups(user.workspaceId);
  return (
    <>
      <PageHeader trail={['Team']} title="Skill groups" description="Groups route chats to the agents who can handle them." />
      <SkillGroupsManager groups={groups} />
    </>
  );
}
