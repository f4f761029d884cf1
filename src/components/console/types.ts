import type { Role } from '../../db/schema';

/** Shapes the console's client components receive from server pages (dates as ISO strings). */
export interface AgentRow {
  id: string;
  name: string;
  email: string;
  role: Role;
  receptionLimit: number | null;
  active: boolean;
  groupIds: string[];
  /** Invited by email, no password set yet. */
  invitePending?: boolean;
}

export interface GroupRow {
  id: string;
  name: string;
  memberCount: number;
}

export const ROLE_LABELS: Record<Role, string> = { admin: 'Admin', supervisor: 'Supervisor', agent: 'Agent' };
export const ROLE_HELP: Record<Role, string> = {
  agent: 'Answers chats in the agent workspace.',
  supervisor: 'Answers chats and monitors the team; cannot change settings or manage agents.',
  admin: 'Full access: settings, agents, skill groups, widget.',
};
