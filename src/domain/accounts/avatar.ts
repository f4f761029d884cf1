/** Avatar look shared by the account page (browser) and ProfileService: free of database code. */

/** Colours an avatar may have (white initials on each stay readable: contrast ≥ 4.5). */
export const AVATAR_COLORS = ['#4f46e5', '#0f766e', '#b45309', '#be123c', '#7c3aed', '#15803d', '#0369a1', '#475569'] as const;

export function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters = words.length > 1 ? [words[0], words[words.length - 1]].map((w) => [...w][0]) : [...(words[0] ?? '?')].slice(0, 2);
  return letters.join('').toUpperCase() || '?';
}

/** A stable colour for a seed (used until the person picks one). */
export function defaultAvatarColor(seed: string): string {
  let h = 0;
  for (const ch of seed) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return AVATAR_COLORS[h % AVATAR_COLORS.length];
}

export interface ProfileDto {
  id: string;
  name: string;
  email: string;
  role: 'admin' | 'supervisor' | 'agent';
  /** The chosen avatar colour, or the one derived from the id. */
  avatarColor: string;
  initials: string;
}
