import { z } from 'zod';
import { originAllowed, textOn } from '@/domain/settings/schemas-widget';
import { resolveLanguage, t } from '@/widget/i18n-all';
import type { WidgetAppearance } from '@/widget/loader-main';
import { queryObject, route } from '@/server/http/route';
import { widgetContext } from '@/server/web';

export const dynamic = 'force-dynamic';

/** NUL never reaches the database (the key is looked up in PostgreSQL). */
const Text = z.string().regex(/^[^\u0000]*$/);
const Query = z.object({
  key: Text.min(1).max(100),
  host: Text.max(300).optional(),
  lang: Text.max(40).optional(),
});

const cors = { 'access-control-allow-origin': '*', 'content-type': 'application/json; charset=utf-8' };

/** What the loader needs before it draws the launcher (public; cached a minute by browsers). */
// Public and read by the loader on other sites: its own small error shape `{ code, message }`, with CORS.
export const GET = route({ auth: 'public' }, async ({ req }) => {
  const parsed = Query.safeParse(queryObject(new URL(req.url)));
  if (!parsed.success) return Response.json({ code: 'bad_request', message: 'The widget key is missing.' }, { status: 400, headers: cors });
  const ctx = await widgetContext(parsed.data.key);
  if (!ctx) return Response.json({ code: 'not_found', message: 'Unknown widget key.' }, { status: 404, headers: cors });
  const w = ctx.widget;
  const lang = resolveLanguage([parsed.data.lang], w.defaultLanguage);
  const body: WidgetAppearance = {
    brandColor: w.brandColor,
    textColor: textOn(w.brandColor),
    position: w.position,
    offsetX: w.offsetX,
    offsetY: w.offsetY,
    launcherText: w.launcherText,
    preview: w.preview,
    sound: w.sound,
    greets: w.greetings.some((g) => g.enabled),
    allowed: originAllowed(w.allowedDomains, parsed.data.host),
    labels: { open: t(lang, 'openChat'), close: t(lang, 'closeChat'), newMessage: t(lang, 'newMessage'), dismiss: t(lang, 'dismiss') },
  };
  return Response.json(body, { headers: { ...cors, 'cache-control': 'public, max-age=60' } });
});
