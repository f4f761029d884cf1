import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { z } from 'zod';
import { TranscriptView } from '@/components/history/TranscriptView';
import { fullHistory } from '@/domain/search/transcript';
import { ALL_ROLES, requirePageUser } from '@/lib/auth';
import { services } from '@/server/web';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Transcript' };

/** One conversation's transcript, opened at a message (`?seq=`) from a search result. */
export default async function TranscriptPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ seq?: string }> }) {
  const { id } = await params;
  const user = await requirePageUser(ALL_ROLES, `/agent/history/${id}`);
  const conversationId = z.uuid().safeParse(id);
  if (!conversationId.success) notFound();
  const s = services();
  const conversation = await s.conversations.get(user.workspaceId, conversationId.data);
  if (!conversation || !(await services().search.canRead(user.workspaceId, { id: user.id, role: user.role }, conversation.id))) notFound();
  const messages = await fullHistory(s.conversations, user.workspaceId, conversation.id);
  const seq = Number((await searchParams).seq);
  return (
    <main className="min-h-dvh bg-slate-50">
      <TranscriptView conversation={conversation} messages={messages} focusSeq={Number.isInteger(seq) ? seq : null} />
    </main>
  );
}
