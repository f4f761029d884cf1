'use client';

import type { WidgetLanguage } from '@/domain/settings/schemas-widget';
import { t } from '@/widget/i18n';
import { initials } from './grouping';

export interface WidgetLook {
  title: string;
  logoUrl: string;
  brandColor: string;
  textColor: string;
  showAgentAvatars: boolean;
  sound: boolean;
}

/** The widget's header in the brand colour: logo, company, "we reply in …", online team, sound, end, minimise. */
export function WidgetHeader({
  look,
  lang,
  status,
  agents,
  muted,
  onToggleMute,
  onEnd,
  onMinimise,
}: {
  look: WidgetLook;
  lang: WidgetLanguage;
  status: string;
  agents: { name: string }[];
  muted: boolean;
  onToggleMute: (() => void) | null;
  onEnd: (() => void) | null;
  onMinimise: () => void;
}) {
  const button = 'rounded-md p-1.5 hover:bg-black/10 focus-visible:outline-2 focus-visible:outline-current';
  return (
    <header className="flex items-center justify-between gap-3 px-4 py-3" style={{ background: look.brandColor, color: look.textColor }}>
      <div className="flex min-w-0 items-center gap-3">
        {look.logoUrl ? (
          // eslint-disable-next-line @next/next/no-img-element -- a customer's logo on any host
          <img src={look.logoUrl} alt="" className="h-9 w-9 shrink-0 rounded-full bg-white object-cover" />
        ) : (
          <span aria-hidden="true" className="flex h-9 w-9 shrink-0 items-center justify-center rounded-full text-sm font-semibold ring-2 ring-current/40">
            {initials(look.title)}
          </span>
        )}
        <div className="min-w-0">
          <h1 className="truncate text-base font-semibold">{look.title}</h1>
          {/* Two lines rather than cut off: "back at 09:00 Tue" must stay readable next to the team avatars. */}
          <p className="line-clamp-2 text-xs leading-snug opacity-90" data-testid="widget-status">
            {status}
          </p>
        </div>
        {agents.length ? (
          <div className="flex shrink-0 -space-x-2 rtl:space-x-reverse" data-testid="team-avatars" aria-label={agents.map((a) => a.name).join(', ')}>
            {agents.map((a) => (
              <span key={a.name} title={a.name} className="flex h-7 w-7 items-center justify-center rounded-full bg-white text-[11px] font-semibold text-slate-700 ring-2 ring-white/60">
                {initials(a.name)}
              </span>
            ))}
          </div>
        ) : null}
      </div>
      <div className="flex shrink-0 items-center gap-1">
        {onToggleMute ? (
          <button type="button" onClick={onToggleMute} aria-pressed={!muted} aria-label={muted ? t(lang, 'soundOff') : t(lang, 'soundOn')} title={muted ? t(lang, 'soundOff') : t(lang, 'soundOn')} className={button} data-testid="sound-toggle">
            <svg width="18" height="18" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" aria-hidden="true">
              <path d="M11 5L6 9H2v6h4l5 4V5z" />
              {muted ? <path d="M23 9l-6 6M17 9l6 6" /> : <path d="M15.5 8.5a5 5 0 0 1 0 7M19 5a10 10 0 0 1 0 14" />}
            </svg>
          </button>
        ) : null}
        {onEnd ? (
          <button type="button" onClick={onEnd} className="rounded-md px-2 py-1 text-xs font-medium hover:bg-black/10 focus-visible:outline-2 focus-visible:outline-current" data-testid="end-chat">
            {t(lang, 'endChat')}
          </button>
        ) : null}
        <button type="button" aria-label={t(lang, 'minimise')} onClick={onMinimise} className={button} data-testid="widget-minimise">
          <svg width="18" height="18" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" aria-hidden="true">
            <path d="M6 9l6 6 6-6" />
          </svg>
        </button>
      </div>
    </header>
  );
}
