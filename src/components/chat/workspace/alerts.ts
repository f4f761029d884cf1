'use client';

import { useEffect } from 'react';

let lastBeep = 0;

/** A short beep (at most one a second); silently skipped while the browser blocks audio. */
export function beep(frequency = 880): void {
  if (Date.now() - lastBeep < 1000) return;
  lastBeep = Date.now();
  try {
    const ctx = new AudioContext();
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.frequency.value = frequency;
    gain.gain.setValueAtTime(0.15, ctx.currentTime);
    gain.gain.exponentialRampToValueAtTime(0.001, ctx.currentTime + 0.35);
    osc.connect(gain).connect(ctx.destination);
    osc.start();
    osc.stop(ctx.currentTime + 0.35);
    osc.onended = () => void ctx.close();
  } catch {
    /* audio blocked until the user interacts: the notification still shows */
  }
}

/** A browser notification when the tab is hidden (clicking it focuses the tab and the chat). */
export function notify(title: string, body: string, onClick?: () => void): void {
  if (typeof Notification === 'undefined' || Notification.permission !== 'granted' || !document.hidden) return;
  const n = new Notification(title, { body: body.slice(0, 140), tag: title });
  n.onclick = () => {
    window.focus();
    onClick?.();
    n.close();
  };
}

/** Sound + notification for something the agent should look at (new chat, message, mention). */
export function alertAgent(title: string, body: string, onClick?: () => void): void {
  beep();
  notify(title, body, onClick);
}

/** "(3) Agent workspace": unread count in the tab title. */
export function useUnreadTitle(unread: number, base = 'Agent workspace'): void {
  useEffect(() => {
    document.title = unread > 0 ? `(${unread}) ${base}` : base;
  }, [unread, base]);
}
