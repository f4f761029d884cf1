'use client';

import { useEffect, useRef, useState } from 'react';
import type { VisitorContext } from '@/domain/greetings/matching';
import type { WidgetGreeting } from '@/domain/greetings/service';
import { request, type VisitorSocket } from '../socket';

export interface ShownGreeting {
  ruleId: string;
  body: string;
  fromName: string;
}

/**
 * Proactive greetings in the widget (issue 26 item 4): the rules came with the widget config, so each page
 * view is evaluated here without asking the server. When a rule is due, `greeting.shown` records it (the
 * server keeps the once-per-visitor cap with the visitor's identity) and only a first display is shown.
 */
export function useGreetings(input: {
  rules: readonly WidgetGreeting[];
  socket: VisitorSocket | null;
  connected: boolean;
  /** No greeting while a conversation is open or the visitor already chats. */
  active: boolean;
  url: string | null;
  /** Page views of this visit as the server counted them (the frame reloads with each page of a multi-page site). */
  pagesVisited: number;
  context: Omit<VisitorContext, 'url' | 'secondsOnPage' | 'pagesVisited' | 'shown'>;
  onShown: (greeting: ShownGreeting) => void;
}): ShownGreeting | null {
  const { rules, socket, connected, active, url, pagesVisited, context, onShown } = input;
  const [greeting, setGreeting] = useState<ShownGreeting | null>(null);
  /** Bumped when a due rule turned out to be shown before: the next rule is evaluated. */
  const [tick, setTick] = useState(0);
  const shown = useRef<string[]>([]);
  const pages = useRef<string[]>([]);
  const pageSince = useRef(Date.now());
  const onShownRef = useRef(onShown);
  onShownRef.current = onShown;
  const { returning, language, withinWorkingHours, agentsOnline } = context;

  useEffect(() => {
    if (!url) return;
    if (pages.current[pages.current.length - 1] !== url) {
      pages.current.push(url);
      pageSince.current = Date.now();
    }
  }, [url]);

  useEffect(() => {
    if (!rules.length || !socket || !connected || !active || !url || greeting) return;
    const ctx: VisitorContext = {
      url,
      secondsOnPage: Math.floor((Date.now() - pageSince.current) / 1000),
      // This frame's own count covers a single-page app's navigations before the server answers.
      pagesVisited: Math.max(pages.current.length, pagesVisited),
      returning,
      language,
      withinWorkingHours,
      agentsOnline,
      shown: shown.current,
    };
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    // Loaded only where a workspace has greetings: the matching code stays out of the widget's first load.
    void import('@/domain/greetings/matching').then(({ nextGreeting }) => {
      const due = cancelled ? null : nextGreeting(rules.map((r) => ({ ...r, name: r.id, enabled: true, from: { kind: 'team' as const } })), ctx);
      if (!due) return;
      timer = setTimeout(() => {
        const rule = rules.find((r) => r.id === due.rule.id)!;
        shown.current = [...shown.current, rule.id];
        void request(socket, 'greeting.shown', { ruleId: rule.id }).then((ack) => {
          if (cancelled) return;
          if (!ack.ok || !ack.first) return setTick((t) => t + 1);
          const g = { ruleId: rule.id, body: rule.message, fromName: rule.fromName };
          setGreeting(g);
          onShownRef.current(g);
        });
      }, due.inSeconds * 1000);
    });
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [tick, rules, socket, connected, active, url, pagesVisited, greeting, returning, language, withinWorkingHours, agentsOnline]);

  return active ? greeting : null;
}
