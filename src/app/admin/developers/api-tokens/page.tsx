import { ApiTokensManager } from '@/components/console/developers/ApiTokensManager';
import { PageHeader } from '@/components/console/PageHeader';
import { ADMIN_ONLY, requirePageUser } from '@/lib/auth';
import { apiTokens } from '@/server/http/tokens';

export const metadata = { title: 'API tokens' };
export const dynamic = 'force-dynamic';

export default async function ApiTokensPage() {
  const user = await requirePageUser(ADMIN_ONLY, '/admin/developers/api-tokens');
  const tokens = await apiTokens().list(user.workspaceId);
  return (
    <>
      <PageHeader
        trail={['Workspace']}
        title="API tokens"
        description="Tokens let your own systems (CRM, help desk, data warehouse, bots) call the live-chat REST API. They belong to the workspace, not to a person."
      />
      <ApiTokensManager tokens={tokens} />
    </>
  );
}
