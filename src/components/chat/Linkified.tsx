import { find } from 'linkifyjs';
import type { ReactNode } from 'react';

/** Safe hrefs only: http(s) and mailto (linkify never yields javascript:, but the check keeps it explicit). */
function safeHref(href: string): string | null {
  return /^(https?:|mailto:)/i.test(href) ? href : null;
}

/**
 * Message text with URLs and email addresses as links. Text stays text (React escapes it); links open in
 * a new tab without referrer or opener, and nofollow (visitors' links are untrusted).
 */
export function Linkified({ text, className }: { text: string; className?: string }) {
  const parts: ReactNode[] = [];
  let at = 0;
  for (const link of find(text)) {
    const href = safeHref(link.href);
    if (!href) continue;
    if (link.start > at) parts.push(text.slice(at, link.start));
    parts.push(
      <a key={link.start} href={href} target="_blank" rel="noopener noreferrer nofollow" className={className ?? 'underline underline-offset-2 [overflow-wrap:anywhere]'}>
        {link.value}
      </a>,
    );
    at = link.end;
  }
  if (at < text.length) parts.push(text.slice(at));
  return <>{parts}</>;
}
