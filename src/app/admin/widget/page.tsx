import { PageHeader } from '@/components/console/PageHeader';
import { CopyButton } from '@/components/console/CopyButton';
import { Card, CardBody, CardHeader } from '@/components/ui/Card';
import { ADMIN_ONLY, requirePageUser } from '@/lib/auth';
import { env } from '@/lib/env';
import { WorkspaceSecretCard } from '@/components/console/service/WorkspaceSecretCard';
import { WidgetSettingsForm } from '@/components/console/WidgetSettingsForm';
import { embedSnippet } from '@/widget/loader';
import { services } from '@/server/web';
import { GreetingCounts } from '@/components/console/GreetingCounts';

export const metadata = { title: 'Widget' };

const ATTRIBUTES: [string, string, string][] = [
  ['data-key', 'Required', 'Your workspace widget key (already filled in).'],
  ['data-partnerid', 'Optional', 'Your own id for a signed-in customer. With customer info auto-save on, the customer is created or updated in your CRM.'],
  ['data-name', 'Optional', 'Customer name shown to agents.'],
  ['data-email', 'Optional', 'Customer email shown to agents.'],
  ['data-partnerid-hash', 'Optional', 'hex(HMAC-SHA256(workspace secret, partnerid)), computed on your server: required when identity verification is mandatory (secret below).'],
  ['data-phone', 'Optional', 'Customer phone shown to agents.'],
  ['data-<anything>', 'Optional', 'Any other data-* attribute is saved as a custom field of the customer (up to 20, 500 characters each).'],
  ['data-lang', 'Optional', 'Widget language (en, zh-CN, es, de, fr, ja, pt, ar). Default: the visitor\'s browser language.'],
  ['data-open', 'Optional', '"true" opens the chat when the page loads.'],
  ['data-channel', 'Optional', 'desktop | mobile | app. Defaults to desktop; used by assignment rules and per-channel prompts.'],
  ['data-group', 'Optional', 'Designated skill group: the group id shown on the Skill groups page.'],
  ['data-agent', 'Optional', 'Designated agent: the agent id shown on the agent\'s page under Agents.'],
];

const API_EXAMPLE = `LiveChat('open');   // also 'close', 'toggle'
LiveChat('identify', { partnerId: 'customer-1234', partnerIdHash: '…', name: 'Jane Doe',
  email: 'jane@example.com', phone: '+49 30 1234567', params: { plan: 'pro' } });  // after login
LiveChat('reset');  // after logout: forgets the visitor on this browser
LiveChat('setLanguage', 'de');
LiveChat('on', 'message', (m) => console.log(m.senderType, m.body));  // also 'open', 'close', 'unread' (count)`;

export default async function WidgetPage() {
  const user = await requirePageUser(ADMIN_ONLY, '/admin/widget');
  const workspace = await services().accounts.getWorkspace(user.workspaceId);
  // Admin only (requirePageUser above): the HMAC secret for data-partnerid-hash (F2).
  const secret = await services().customers.workspaceSecret(user.workspaceId);
  const snippet = embedSnippet(env().PUBLIC_WEB_URL, workspace?.widgetKey ?? '');
  const [widget, groups, agents, greetingCounts] = await Promise.all([
    services().settings.get(user.workspaceId, 'widget'),
    services().accounts.listGroups(user.workspaceId),
    services().accounts.listAgents(user.workspaceId),
    services().greetings.counts(user.workspaceId),
  ]);
  const example = `<script src="${env().PUBLIC_WEB_URL}/widget.js" data-key="${workspace?.widgetKey ?? ''}"\n  data-partnerid="customer-1234" data-name="Jane Doe" data-email="jane@example.com"\n  data-channel="mobile" async></script>`;

  return (
    <>
      <PageHeader title="Widget" description="Add the chat widget to your website or app by pasting this tag before the closing </body> tag." />
      <div className="space-y-6">
        <Card>
          <CardHeader id="snippet-title" title="Embed code" actions={<CopyButton text={snippet} label="Copy embed code" />} />
          <CardBody>
            <pre aria-labelledby="snippet-title" className="overflow-x-auto rounded-md bg-slate-900 p-4 text-sm leading-relaxed text-slate-100">
              <code>{snippet}</code>
            </pre>
            <p className="mt-3 text-sm text-slate-600">
              Widget key: <code className="rounded bg-slate-100 px-1.5 py-0.5 text-slate-800">{workspace?.widgetKey}</code>
            </p>
          </CardBody>
        </Card>

        <Card>
          <CardHeader title="Optional attributes" description="Pass what you know about the visitor and where the chat should go." />
          <CardBody className="relative overflow-x-auto">
            <table className="min-w-full text-left text-sm">
              <thead className="text-xs uppercase tracking-wide text-slate-500">
                <tr>
                  <th scope="col" className="py-2 pr-4 font-medium">Attribute</th>
                  <th scope="col" className="py-2 pr-4 font-medium">Required</th>
                  <th scope="col" className="py-2 font-medium">Meaning</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {ATTRIBUTES.map(([name, required, meaning]) => (
                  <tr key={name}>
                    <td className="py-2 pr-4 align-top">
                      <code className="whitespace-nowrap text-indigo-700">{name}</code>
                    </td>
                    <td className="py-2 pr-4 align-top text-slate-600">{required}</td>
                    <td className="py-2 align-top text-slate-700">{meaning}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <p className="mb-2 mt-5 text-sm font-medium text-slate-800">Example with a known customer</p>
            <pre className="overflow-x-auto rounded-md bg-slate-100 p-4 text-sm leading-relaxed text-slate-800">
              <code>{example}</code>
            </pre>
          </CardBody>
        </Card>

        <Card>
          <CardHeader title="JavaScript API" description="Control the widget from your page, e.g. in a single-page app. Calls made before the widget has loaded are queued by the first line of the embed code." />
          <CardBody>
            <pre className="overflow-x-auto rounded-md bg-slate-100 p-4 text-sm leading-relaxed text-slate-800">
              <code>{API_EXAMPLE}</code>
            </pre>
          </CardBody>
        </Card>

        <WidgetSettingsForm initial={{ version: widget.version, value: widget.value }} workspaceName={workspace?.name ?? ''} groups={groups.map((g) => ({ id: g.id, name: g.name }))} agents={agents.map((a) => ({ id: a.id, name: a.name }))} />

        <GreetingCounts counts={greetingCounts} />

        {secret ? <WorkspaceSecretCard initialSecret={secret} /> : null}
      </div>
    </>
  );
}
