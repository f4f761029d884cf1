'use client';

import { useEffect, useState } from 'react';
import type { AgentSocket } from '../socket';

/**
 * Sneak peek (F17) above the agent's composer: what the visitor is typing, not sent yet (only when the
 * workspace turned it on; the server sends it to the assigned agent and watching supervisors only).
 * Cleared when the visitor sends or erases it. Not announced to screen readers on every keystroke.
 */
export function SneakPeek({ socket, conversationId }: { socket: AgentSocket | null; conversationId: string }) {
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  useEffect(() => {
    if (!socket) return;
    const onPreview = (e: { conversationId: string; text: string }) => setDrafts((d) => ({ ...d, [e.conversationId]: e.text }));
    const onMessage = (m: { conversationId: string; senderType: string }) => m.senderType === 'visitor' && setDrafts((d) => ({ ...d, [m.conversationId]: '' }));
    socket.on('typing.preview', onPreview);
    socket.on('message', onMessage);
    return () => {
      socket.off('typing.preview', onPreview);
      socket.off('message', onMessage);
    };
  }, [socket]);
  const text = drafts[conversationId]?.trim();
  if (!text) return null;
  return (
    <div className="border-t border-dashed border-slate-300 bg-slate-50 px-4 py-1.5 text-sm text-slate-700" data-testid="sneak-peek">
      <span className="mr-1.5 text-xs font-medium uppercase tracking-wide text-slate-600">Typing</span>
      <span className="italic">{text.length > 400 ? `…${text.slice(-400)}` : text}</span>
    </div>
  );
}
