import type { Metadata } from 'next';
import { SubmissionsInbox } from '@/components/submissions/SubmissionsInbox';
import { formFields } from '@/domain/submissions/form';
import { ALL_ROLES, requirePageUser } from '@/lib/auth';
import { services } from '@/server/web';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Submissions' };

/** The submissions inbox (F5): every staff role answers left messages and tickets. */
export default async function SubmissionsPage() {
  const user = await requirePageUser(ALL_ROLES, '/agent/submissions');
  const s = services();
  const [staff, config] = await Promise.all([s.accounts.listAgents(user.workspaceId), s.settings.value(user.workspaceId, 'submission')]);
  // Labels of the designed fields, to show stored values by their label (older keys fall back to the key).
  const labels = Object.fromEntries(formFields(config.form).map((f) => [f.id, f.label]));
  return (
    <SubmissionsInbox
      user={{ id: user.id, name: user.name, role: user.role }}
      staff={staff.filter((a) => a.active).map((a) => ({ id: a.id, name: a.name }))}
      labels={labels}
    />
  );
}
