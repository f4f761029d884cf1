import type { Metadata, Viewport } from 'next';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { VisitorChat } from '@/components/chat/VisitorChat';
import { workspaces } from '@/db/schema';
import { env } from '@/lib/env';
import { services } from '@/lib/services';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Chat', robots: { index: false } };
export const viewport: Viewport = { width: 'device-width', initialScale: 1 };

const WidgetParams = z.object({
  key: z.string().min(1).max(100),
  channel: z.enum(['desktop', 'mobile', 'app']).catch('desktop'),
  entry: z.string().url().max(2000).optional().catch(undefined),
  name: z.string().trim().max(100).optional().catch(undefined),
  // F2 customer identity (validated again and capped by the realtime server).
  partnerid: z.string().trim().min(1).max(200).optional().catch(undefined),
  partnerid_hash: z.string().trim().max(200).optional().catch(undefined),
  email: z.string().trim().max(200).optional().catch(undefined),
  phone: z.string().trim().max(50).optional().catch(undefined),
  group: z.uuid().optional().catch(undefined),
  agent: z.uuid().optional().catch(undefined),
  designation: z.enum(['must', 'may']).catch('may'),
});

/** The chat panel inside the widget iframe. */
export default async function WidgetPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const raw = await searchParams;
  const parsed = WidgetParams.safeParse(Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v])));
  const workspace = parsed.success
    ? (await services().db.select({ id: workspaces.id, name: workspaces.name }).from(workspaces).where(eq(workspaces.widgetKey, parsed.data.key)))[0]
    : undefined;
  if (!parsed.success || !workspace) {
    return (
      <main className="flex h-dvh items-center justify-center bg-slate-50 p-6">
        <p role="alert" className="rounded-md bg-red-50 px-4 py-3 text-sm text-red-800">
          This chat widget is not configured correctly (unknown widget key).
        </p>
      </main>
    );
  }
  const { allowFollowUp } = await services().settings.value(workspace.id, 'submission');
  return (
    <VisitorChat
      allowFollowUp={allowFollowUp}
      realtimeUrl={env().PUBLIC_REALTIME_URL}
      widgetKey={parsed.data.key}
      workspaceName={workspace.name}
      channel={parsed.data.channel}
      entryUrl={parsed.data.entry ?? null}
      name={parsed.data.name ?? null}
      identity={
        parsed.data.partnerid
          ? {
              partnerId: parsed.data.partnerid,
              ...(parsed.data.partnerid_hash ? { partnerIdHash: parsed.data.partnerid_hash } : {}),
              ...(parsed.data.email ? { email: parsed.data.email } : {}),
              ...(parsed.data.phone ? { phone: parsed.data.phone } : {}),
              params: customParams(raw),
            }
          : null
      }
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

/** F2 custom params: query parameters `x_<name>` (the loader turns unknown data-* attributes into them), capped. */
function customParams(raw: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (!key.startsWith('x_') || Object.keys(out).length >= 20) continue;
    const v = v0(value);
    if (v?.trim()) out[key.slice(2, 42)] = v.trim().slice(0, 500);
  }
  return out;
}

function v0(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
