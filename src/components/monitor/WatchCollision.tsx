'use client';

import { useEffect } from 'react';
import type { AgentSocket, MonitorSocket } from '@/components/chat/socket';
import { CollisionAvatars } from '@/components/chat/workspace/CollisionAvatars';
import { useCollision } from '@/components/chat/workspace/useCollision';

/**
 * Collision guard (F17) on the monitoring page: the supervisor watching a chat shows up on the agent's
 * header (a whisper being written counts as a note) and sees who else is on it.
 */
export function WatchCollision({ socket, conversationId, selfId, writing }: { socket: MonitorSocket | null; conversationId: string; selfId: string; writing: boolean }) {
  // `collision.update` / `collision` are the same on /monitor as on /agent (realtime/contract.ts).
  const collision = useCollision(socket as unknown as AgentSocket | null, conversationId, selfId, []);
  const { typing } = collision;
  useEffect(() => typing('noting', writing), [typing, writing]);
  return (
    <div className="border-b border-slate-200 px-4 py-2">
      <CollisionAvatars viewers={collision.others} />
    </div>
  );
}
