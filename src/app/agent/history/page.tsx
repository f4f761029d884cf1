import type { Metadata } from 'next';
import { ConversationSearch } from '@/components/history/ConversationSearch';
import { ALL_ROLES, requirePageUser } from '@/lib/auth';
import { services } from '@/server/web';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Chat history' };

/** Chat history and search (F11): every staff role, scoped by role. */
export default async function HistoryPage() {
  const user = await requirePageUser(ALL_ROLES, '/agent/history');
  const s = services();
  const [staff, groups, tags] = await Promise.all([s.accounts.listAgents(user.workspaceId), s.accounts.listGroups(user.workspaceId), services().tools.tags.list(user.workspaceId)]);
  const scopeNote = user.role === 'agent' ? 'Your conversations and those of your skill groups.' : 'All conversations of the workspace.';
  return (
    <main className="min-h-dvh bg-slate-50">
      <ConversationSearch staff={staff.map((a) => ({ id: a.id, name: a.name }))} groups={groups.map((g) => ({ id: g.id, name: g.name }))} tags={tags} scopeNote={scopeNote} />
    </main>
  );
}
