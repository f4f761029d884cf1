import { lazy, Suspense } from 'react';
import type { UiMessage } from './messages';

/** "… is typing" with three bouncing dots, below a transcript (agent workspace and widget). */
export function TypingIndicator({ text }: { text: string }) {
  return (
    <p className="flex items-center gap-2 text-xs text-slate-500" data-testid="typing-indicator">
      <span className="inline-flex gap-0.5" aria-hidden="true">
        <span className="h-1.5 w-1.5 animate-bounce rounded-full bg-slate-400" />
        <span className="h-1.5 w-1.5 animate-bounce rounded-full bg-slate-400 [animation-delay:150ms]" />
        <span className="h-1.5 w-1.5 animate-bounce rounded-full bg-slate-400 [animation-delay:300ms]" />
      </span>
      {text}
    </p>
  );
}

/** Why a message was not sent, and "Retry" unless it was refused for good (blocked words). */
export function FailedNotice({ message, retryLabel, onRetry, className }: { message: UiMessage; retryLabel: string; onRetry?: (m: UiMessage) => void; className?: string }) {
  return (
    <span className={className} role="alert" data-testid="message-error">
      {message.failed}{' '}
      {onRetry && !message.blocked ? (
        <button type="button" className="font-medium underline" onClick={() => onRetry(message)}>
          {retryLabel}
        </button>
      ) : null}
    </span>
  );
}

const LinkifiedLazy = lazy(() => import('./Linkified').then((m) => ({ default: m.Linkified })));
/** Something that could be a link: a scheme, an @, or a dot between word characters (example.com). */
const MAY_HAVE_LINK = /:\/\/|@|\w\.\w/;

/**
 * Message text with links, loading the linkifier only for texts that may hold one (it is not needed for
 * the first paint of the widget); until then the plain text shows.
 */
export function MessageText({ text }: { text: string }) {
  if (!MAY_HAVE_LINK.test(text)) return <>{text}</>;
  return (
    <Suspense fallback={text}>
      <LinkifiedLazy text={text} />
    </Suspense>
  );
}
