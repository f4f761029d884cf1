import type { RatingScheme, SatisfactionSettings } from '../settings/schemas-service';

/** Pure satisfaction rules (F8): which scheme applies, when an invitation or a rating is allowed. */

export type Refusal = { ok: false; code: 'forbidden' | 'conflict' | 'invalid_state' | 'bad_request'; message: string };

/** The scheme of a conversation: its skill group's override, else the global default. */
export function schemeFor(settings: SatisfactionSettings, groupId: string | null): RatingScheme {
  return (groupId && settings.groupSchemes[groupId]) || settings.scheme;
}

export interface InvitationInput {
  settings: SatisfactionSettings;
  by: 'agent' | 'end';
  /** Invitations already sent in this conversation. */
  sent: number;
  status: 'queued' | 'active' | 'unassigned' | 'ended';
  alreadyRated: boolean;
}

/**
 * Whether an invitation may be sent. Automatic invitations (`end`) need `inviteOnEnd`; agent invitations
 * need `agentMayInvite` and an open chat. Every invitation counts against `maxInvitations`, and none is
 * sent once the chat is rated and a later rating could not overwrite it, nor automatically at the end of a rated chat.
 */
export function canInvite({ settings, by, sent, status, alreadyRated }: InvitationInput): { ok: true } | Refusal {
  if (!settings.enabled) return { ok: false, code: 'invalid_state', message: 'Satisfaction ratings are turned off' };
  if (by === 'end' && !settings.inviteOnEnd) return { ok: false, code: 'invalid_state', message: 'Automatic invitations are turned off' };
  if (by === 'agent') {
    if (!settings.agentMayInvite) return { ok: false, code: 'forbidden', message: 'Agents may not send rating invitations' };
    if (status !== 'active') return { ok: false, code: 'invalid_state', message: 'Only an active chat can be invited to rate' };
  }
  // A visitor who rated during the chat is not asked again when it ends (issue 21); an agent may still ask
  // for a new rating when a later one may replace it.
  if (alreadyRated && (by === 'end' || !settings.allowOverwrite)) return { ok: false, code: 'conflict', message: 'The visitor has already rated this chat' };
  if (sent >= settings.maxInvitations) {
    return { ok: false, code: 'conflict', message: `The invitation limit (${settings.maxInvitations} per chat) is reached` };
  }
  return { ok: true };
}

export interface RatingDecisionInput {
  settings: SatisfactionSettings;
  /** Invitations sent so far in this conversation. */
  invitations: number;
  status: 'queued' | 'active' | 'unassigned' | 'ended';
  hasAgent: boolean;
  existing: boolean;
}

/**
 * Whether the visitor's rating is stored: as a new rating, as an overwrite of the earlier one (only when
 * `allowOverwrite`), or refused. Without an invitation the visitor may rate only if
 * `visitorMayRateUnprompted`. A chat nobody served (no agent) cannot be rated.
 */
export function ratingDecision({ settings, invitations, status, hasAgent, existing }: RatingDecisionInput): { ok: true; action: 'insert' | 'overwrite' } | Refusal {
  if (!settings.enabled) return { ok: false, code: 'invalid_state', message: 'Satisfaction ratings are turned off' };
  if (!hasAgent || status === 'queued') return { ok: false, code: 'invalid_state', message: 'This chat has not been served by an agent yet' };
  if (invitations === 0 && !settings.visitorMayRateUnprompted) return { ok: false, code: 'forbidden', message: 'This chat can be rated when you are invited to' };
  if (existing) {
    return settings.allowOverwrite ? { ok: true, action: 'overwrite' } : { ok: false, code: 'conflict', message: 'You have already rated this chat' };
  }
  return { ok: true, action: 'insert' };
}

export interface RatingInput {
  score: number;
  tags?: string[];
  comment?: string | null;
  solved?: boolean | null;
}

export interface NormalizedRating {
  scale: number;
  score: number;
  label: string;
  tags: string[];
  comment: string | null;
  solved: boolean | null;
}

/** Checks a rating against the scheme: the score exists, tags belong to that score; drops disabled fields. */
export function normalizeRating(scheme: RatingScheme, input: RatingInput): { ok: true; rating: NormalizedRating } | Refusal {
  const level = scheme.levels.find((l) => l.score === input.score);
  if (!level) return { ok: false, code: 'bad_request', message: `Choose a score from 1 to ${scheme.scale}` };
  const tags = [...new Set(input.tags ?? [])];
  const unknown = tags.filter((t) => !level.tags.includes(t));
  if (unknown.length) return { ok: false, code: 'bad_request', message: `Tag not offered for "${level.label}": ${unknown.join(', ')}` };
  const comment = scheme.commentEnabled ? input.comment?.trim() || null : null;
  const solved = scheme.solvedEnabled ? (input.solved ?? null) : null;
  return { ok: true, rating: { scale: scheme.scale, score: level.score, label: level.label, tags, comment, solved } };
}
