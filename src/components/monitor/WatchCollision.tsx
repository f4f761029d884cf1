'use client';

import { useEffect } from 'react';
import type { Socket } from 'socket.io-client';
import { CollisionAvatars } from '@/components/chat/workspace/CollisionAvatars';
import { useCollision } from '@/components/chat/workspace/useCollision';

/**
 * Collision guard (F17) on the monitoring page: the supervisor watching a chat shows up on the agent's
 * header (a whisper being written counts as a note) and sees who else is on it.
 */
export function WatchCollision({ socket, conversationId, selfId, writing }: { socket: Socket | null; conversationId: string; selfId: string; writing: boolean }) {
  const collision = useCollision(socket, conversationId, selfId, []);
  const { typing } = collision;
  useEffect(() => typing('noting', writing), [typing, writing]);
  return (
    <div className="border-b border-slate-200 px-4 py-2">
      <CollisionAvatars viewers={collision.others} />
    </div>
  );
}
