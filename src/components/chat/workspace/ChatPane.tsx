'use client';

import type { ReactNode } from 'react';
import type { Socket } from 'socket.io-client';
import type { CannedReplyDto } from '@/domain/canned/service';
import type { AttachmentDto, ConversationDto } from '@/domain/conversations/types';
import type { NoteDto } from '@/domain/notes/service';
import type { ComposerApi } from '../Composer';
import { MessageList } from '../MessageList';
import type { UiMessage } from '../messages';
import { TransferDialog } from '../TransferDialog';
import { AgentComposer } from './AgentComposer';
import { visitorLabel } from './ConversationList';

/** "Ended by …" in words for people. */
export function endedLabel(endedBy: ConversationDto['endedBy']): string {
  if (endedBy === 'abandoned') return 'Visitor left while waiting';
  if (endedBy === 'system') return 'Ended automatically';
  return endedBy ? `Ended by the ${endedBy}` : 'Ended';
}

const outline = 'rounded-md px-3 py-1.5 text-sm font-medium ring-1 focus-visible:outline-2';

/** The open chat: its header and actions (transfer, end with confirmation, reopen), the messages and the composer. */
export function ChatPane(props: {
  conversation: ConversationDto;
  mine: boolean;
  canReopen: boolean;
  connected: boolean;
  socket: Socket | null;
  messages: UiMessage[];
  typing: boolean;
  selfId: string;
  canned: CannedReplyDto[];
  staff: { id: string; name: string }[];
  canAttach: boolean;
  transferOpen: boolean;
  confirmEnd: boolean;
  onBack: () => void;
  onDetails: () => void;
  onTransferOpen: (open: boolean) => void;
  onTransferred: (c: ConversationDto) => void;
  onConfirmEnd: (open: boolean) => void;
  onEnd: () => void;
  onReopen: () => void;
  onSend: (body: string, clientMsgId?: string, files?: AttachmentDto[]) => void;
  onTyping: (typing: boolean) => void;
  onNote: (note: NoteDto) => void;
  onError: (message: string) => void;
  onComposerApi: (api: ComposerApi & { setMode: (m: 'reply' | 'note') => void }) => void;
  /** F17: who else is on the chat (header), sneak peek and the "send anyway?" bar (above the composer), note typing. */
  headerExtra?: ReactNode;
  beforeComposer?: ReactNode;
  onNoteTyping?: (typing: boolean) => void;
}) {
  const c = props.conversation;
  return (
    <>
      <div className="flex flex-wrap items-center justify-between gap-2 border-b border-slate-200 bg-white px-3 py-2 sm:px-4">
        {/* Room for the visitor's name first: on a phone the buttons wrap below it. */}
        <div className="flex min-w-[12rem] flex-1 items-center gap-2">
          <button type="button" onClick={props.onBack} className="shrink-0 rounded-md px-2 py-1 text-sm text-indigo-700 hover:bg-indigo-50 md:hidden" data-testid="back-to-list" aria-label="Back to the chat list">
            ‹ Chats
          </button>
          <div className="min-w-0">
            <h2 className="truncate font-medium text-slate-900" data-testid="chat-title">
              {visitorLabel(c)}
            </h2>
            <p className="truncate text-xs text-slate-500">
              {c.status === 'ended' ? endedLabel(c.endedBy) : props.mine ? 'Active' : `Transferred to ${c.agentName ?? 'another agent'}`} · {c.channel}
            </p>
          </div>
          {props.headerExtra}
        </div>
        <div className="ml-auto flex shrink-0 gap-2">
          <button type="button" onClick={props.onDetails} className={`${outline} text-slate-700 ring-slate-300 hover:bg-slate-50 lg:hidden`} data-testid="show-details">
            Details
          </button>
          {props.mine ? (
            <>
              <button
                type="button"
                onClick={() => props.onTransferOpen(true)}
                disabled={!props.connected}
                aria-haspopup="dialog"
                aria-keyshortcuts="Alt+T"
                className={`${outline} text-slate-700 ring-slate-300 hover:bg-slate-50 focus-visible:outline-indigo-600 disabled:cursor-not-allowed disabled:text-slate-400`}
                data-testid="agent-transfer"
              >
                Transfer
              </button>
              <button type="button" onClick={() => props.onConfirmEnd(true)} aria-expanded={props.confirmEnd} aria-keyshortcuts="Alt+E" className={`${outline} text-red-700 ring-red-200 hover:bg-red-50 focus-visible:outline-red-600`} data-testid="agent-end-chat">
                End
              </button>
            </>
          ) : null}
          {props.canReopen ? (
            <button type="button" onClick={props.onReopen} disabled={!props.connected} className={`${outline} text-indigo-700 ring-indigo-200 hover:bg-indigo-50 focus-visible:outline-indigo-600 disabled:cursor-not-allowed disabled:text-slate-400`} data-testid="agent-reopen-chat">
              Reopen
            </button>
          ) : null}
        </div>
      </div>
      {props.confirmEnd && props.mine ? (
        <div role="alertdialog" aria-labelledby="agent-end-confirm-text" className="flex flex-wrap items-center justify-between gap-2 border-b border-red-100 bg-red-50 px-4 py-2 text-sm" data-testid="agent-end-confirm-bar">
          <p id="agent-end-confirm-text" className="text-red-900">
            End the chat with {visitorLabel(c)}? You can reopen it afterwards.
          </p>
          <div className="flex gap-2">
            <button type="button" onClick={() => props.onConfirmEnd(false)} className="rounded-md bg-white px-3 py-1 text-slate-700 ring-1 ring-slate-300 hover:bg-slate-50" autoFocus>
              Cancel
            </button>
            <button type="button" onClick={props.onEnd} className="rounded-md bg-red-600 px-3 py-1 font-medium text-white hover:bg-red-500" data-testid="agent-end-confirm">
              End chat
            </button>
          </div>
        </div>
      ) : null}
      {props.transferOpen && props.mine && props.socket ? <TransferDialog socket={props.socket} conversation={c} onClose={() => props.onTransferOpen(false)} onTransferred={props.onTransferred} /> : null}
      <MessageList messages={props.messages} self="agent" selfId={props.selfId} typing={props.typing ? 'Visitor is typing…' : null} onRetry={(m) => props.onSend(m.body, m.clientMsgId ?? undefined, m.attachments)} />
      {c.status !== 'ended' && !props.mine ? <p className="border-t border-slate-200 bg-white px-4 py-2 text-sm text-slate-600">{c.agentName ?? 'Another agent'} has this chat now; you can still leave an internal note.</p> : null}
      {props.beforeComposer}
      <AgentComposer
        key={c.id}
        socket={props.socket}
        conversationId={c.id}
        canReply={props.mine && props.connected}
        canned={props.canned}
        staff={props.staff}
        selfId={props.selfId}
        onSend={(b, files) => props.onSend(b, undefined, files)}
        attach={props.canAttach ? { conversationId: c.id } : null}
        onTyping={props.onTyping}
        onNoteTyping={props.onNoteTyping}
        onNote={props.onNote}
        onError={props.onError}
        onApi={props.onComposerApi}
      />
    </>
  );
}
