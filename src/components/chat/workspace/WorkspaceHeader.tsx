'use client';

import { cn } from '@/components/ui/cn';
import type { AgentStatus, Presence } from '../agent/inbox-reducer';
import { ShortcutsHelp } from './ShortcutsHelp';

const STATUS_LABEL: Record<AgentStatus, string> = { online: 'Online', busy: 'Busy', offline: 'Offline' };
const STATUS_DOT: Record<AgentStatus, string> = { online: 'bg-green-500', busy: 'bg-amber-500', offline: 'bg-slate-400' };

/** The workspace's top bar: connection, the agent's status and load, links. */
export function WorkspaceHeader({
  user,
  connected,
  connectError,
  presence,
  statusSaving,
  canManageCanned,
  helpOpen,
  onHelpOpenChange,
  onStatus,
  onCanned,
  onCommands,
}: {
  user: { name: string; role: string };
  connected: boolean;
  connectError: string | null;
  presence: Presence | null;
  statusSaving: boolean;
  canManageCanned: boolean;
  helpOpen: boolean;
  onHelpOpenChange: (open: boolean) => void;
  onStatus: (status: AgentStatus) => void;
  onCanned: () => void;
  /** F17: opens the command palette (Ctrl/⌘+K does too). */
  onCommands?: () => void;
}) {
  return (
    <header className="flex flex-wrap items-center justify-between gap-x-3 gap-y-2 border-b border-slate-200 bg-white px-3 py-2 sm:px-4">
      <div className="flex min-w-0 items-center gap-2">
        <span className="truncate font-semibold text-slate-900">
          <span className="sm:hidden">Workspace</span>
          <span className="hidden sm:inline">Agent workspace</span>
        </span>
        <span className={cn('h-2 w-2 shrink-0 rounded-full sm:hidden', connected ? 'bg-green-500' : 'bg-amber-500')} aria-hidden="true" />
        <span className={cn('text-xs', connected ? 'sr-only text-green-700 sm:not-sr-only' : 'text-amber-700')} data-testid="connection-state">
          {connected ? 'Connected' : connectError ? `Not connected: ${connectError}` : 'Connecting…'}
        </span>
      </div>
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <div role="radiogroup" aria-label="Your status" className="flex rounded-lg bg-slate-100 p-0.5">
          {(['online', 'busy', 'offline'] as AgentStatus[]).map((s) => (
            <button
              key={s}
              type="button"
              role="radio"
              aria-checked={presence?.status === s}
              // Enabled once the server sent the current presence, so a quick click is not overwritten by it.
              disabled={!connected || statusSaving || !presence}
              onClick={() => onStatus(s)}
              className={cn(
                'flex items-center gap-1.5 rounded-md px-2 py-1 text-sm focus-visible:outline-2 focus-visible:outline-indigo-600 sm:px-3',
                presence?.status === s ? 'bg-white font-medium text-slate-900 shadow-sm' : 'text-slate-600 hover:text-slate-900',
              )}
              data-testid={`status-${s}`}
            >
              <span className={cn('h-2 w-2 rounded-full', STATUS_DOT[s])} aria-hidden="true" />
              {STATUS_LABEL[s]}
            </button>
          ))}
        </div>
        <span className="text-sm text-slate-600" data-testid="load" title="Your chats / your limit">
          {presence ? `${presence.load} / ${presence.limit} chats` : '–'}
        </span>
        <button type="button" onClick={onCanned} disabled={!canManageCanned} className="text-sm text-indigo-700 hover:underline" data-testid="canned-manage">
          Canned replies
        </button>
        <a href="/agent/submissions" className="text-sm text-indigo-700 hover:underline" data-testid="submissions-link">
          Submissions
        </a>
        <a href="/agent/history" className="text-sm text-indigo-700 hover:underline" data-testid="history-link">
          History
        </a>
        <a href="/agent/reports" className="text-sm text-indigo-700 hover:underline" data-testid="my-figures-link">
          My figures
        </a>
        {user.role !== 'agent' ? (
          <a href="/admin" className="text-sm text-indigo-700 hover:underline">
            Console
          </a>
        ) : null}
        <a href="/account" className="text-sm text-indigo-700 hover:underline" data-testid="account-link">
          Account
        </a>
        <a href="/api/auth/signout" className="text-sm text-slate-600 hover:underline" title={`Signed in as ${user.name}`}>
          Sign out
        </a>
        {onCommands ? (
          <button type="button" onClick={onCommands} aria-keyshortcuts="Control+K Meta+K" className="rounded-md px-2 py-1 text-sm text-slate-700 ring-1 ring-slate-300 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-indigo-600" data-testid="palette-button">
            Commands <kbd className="ml-1 hidden font-mono text-xs text-slate-500 sm:inline">Ctrl K</kbd>
          </button>
        ) : null}
        <ShortcutsHelp open={helpOpen} onOpenChange={onHelpOpenChange} />
      </div>
    </header>
  );
}

/** A dismissible banner under the header (errors, notices). */
export function Banner({ tone, text, onDismiss }: { tone: 'error' | 'notice'; text: string; onDismiss: () => void }) {
  return tone === 'error' ? (
    <p role="alert" className="flex justify-between gap-3 bg-red-50 px-4 py-2 text-sm text-red-800">
      {text}
      <button type="button" onClick={onDismiss} className="underline">
        Dismiss
      </button>
    </p>
  ) : (
    <p role="status" className="flex justify-between gap-3 bg-indigo-50 px-4 py-2 text-sm text-indigo-900" data-testid="workspace-notice">
      <span className="min-w-0 break-words">{text}</span>
      <button type="button" onClick={onDismiss} className="shrink-0 underline">
        Dismiss
      </button>
    </p>
  );
}
