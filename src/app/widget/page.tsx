import type { Metadata, Viewport } from 'next';
import { headers } from 'next/headers';
import { z } from 'zod';
import { VisitorChat } from '@/components/chat/VisitorChat';
import { originAllowed, textOn } from '@/domain/settings/schemas-widget';
import { env } from '@/lib/env';
import { DICTIONARIES } from '@/widget/dictionaries';
import { resolveLanguage, t } from '@/widget/i18n-all';
import { services, currentReplyExpectation, prechatForm, widgetContext } from '@/server/web';
import { widgetGreetings } from '@/domain/greetings/service';
import { isOpenAt } from '@/domain/workinghours/schedule';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Chat', robots: { index: false } };
export const viewport: Viewport = { width: 'device-width', initialScale: 1 };

const WidgetParams = z.object({
  key: z.string().min(1).max(100),
  channel: z.enum(['desktop', 'mobile', 'app']).catch('desktop'),
  /** The embedding page's origin, declared by the loader; checked against the allowed domains. */
  host: z.string().max(300).optional().catch(undefined),
  lang: z.string().max(40).optional().catch(undefined),
  group: z.uuid().optional().catch(undefined),
  agent: z.uuid().optional().catch(undefined),
  designation: z.enum(['must', 'may']).catch('may'),
});

/**
 * The chat panel inside the widget iframe. Identity (token, partnerid …) is not in the URL: the loader
 * hands it over by postMessage. `frame-ancestors` (src/proxy.ts) stops other sites from framing this page;
 * the declared host is checked here too, so the loader is told the truth.
 */
export default async function WidgetPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const raw = await searchParams;
  const parsed = WidgetParams.safeParse(Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v])));
  const ctx = parsed.success ? await widgetContext(parsed.data.key) : null;
  const acceptLanguage = ((await headers()).get('accept-language') ?? '').split(',').map((part) => part.split(';')[0]);
  const lang = resolveLanguage([parsed.success ? parsed.data.lang : null, ...acceptLanguage], ctx?.widget.defaultLanguage ?? 'en');
  if (!parsed.success || !ctx) return <Refusal text="This chat widget is not configured correctly (unknown widget key)." />;
  const hostOrigin = parsed.data.host && /^https?:\/\/[^/]+$/.test(parsed.data.host) ? parsed.data.host : null;
  if (!originAllowed(ctx.widget.allowedDomains, hostOrigin)) return <Refusal text={t(lang, 'notAllowed')} />;

  const w = ctx.widget;
  const [submission, expectation, attachments, prechat, { mode }] = await Promise.all([
    services().settings.value(ctx.workspaceId, 'submission'),
    currentReplyExpectation(ctx.workspaceId),
    services().settings.value(ctx.workspaceId, 'attachments'),
    prechatForm(ctx),
    services().settings.value(ctx.workspaceId, 'mode'),
  ]);
  const greetings = await widgetGreetings(services().db, ctx.workspaceId, w.greetings, w.companyName || ctx.workspaceName);
  const workingHours = greetings.length ? await services().settings.value(ctx.workspaceId, 'workingHours') : null;
  const withinWorkingHours = !workingHours || !workingHours.enabled || isOpenAt(workingHours.workspace, new Date());
  const { sneakPeek } = await services().settings.value(ctx.workspaceId, 'privacy'); // F17: the widget says so when on
  const channel = parsed.data.channel;
  // The header says "leave a message" only when the form is offered (real-time) or the chat takes messages anyway (always-on).
  const leaveMessage = mode === 'always_on' || (submission.enabled && submission.channels[channel] && (submission.offerWhen.noAgentOnline || submission.offerWhen.outsideWorkingHours));
  return (
    <VisitorChat
      sneakPeek={sneakPeek}
      greetings={greetings}
      withinWorkingHours={withinWorkingHours}
      allowFollowUp={submission.allowFollowUp}
      leaveMessage={leaveMessage}
      canAttach={attachments.visitor}
      realtimeUrl={env().PUBLIC_REALTIME_URL}
      widgetKey={parsed.data.key}
      hostOrigin={hostOrigin}
      channel={parsed.data.channel}
      initialLanguage={lang}
      dictionary={lang === 'en' ? null : DICTIONARIES[lang]}
      expectation={expectation}
      prechat={prechat}
      look={{ title: w.companyName || ctx.workspaceName, logoUrl: w.logoUrl, brandColor: w.brandColor, textColor: textOn(w.brandColor), showAgentAvatars: w.showAgentAvatars, sound: w.sound }}
      texts={{ greeting: w.greeting, defaultLanguage: w.defaultLanguage, texts: w.texts }}
      designated={
        parsed.data.agent
          ? { type: 'agent', id: parsed.data.agent, mode: parsed.data.designation }
          : parsed.data.group
            ? { type: 'group', id: parsed.data.group, mode: parsed.data.designation }
            : null
      }
    />
  );
}

function Refusal({ text }: { text: string }) {
  return (
    <main className="flex h-dvh items-center justify-center bg-slate-50 p-6">
      <p role="alert" className="rounded-md bg-red-50 px-4 py-3 text-sm text-red-800" data-testid="widget-refused">
        {text}
      </p>
    </main>
  );
}
