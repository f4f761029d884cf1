/** Pure tag helpers, safe to import in browser code. */
/** Conversations carrying at least one of `tagIds` (all when none are chosen): the list and monitoring filters. */
export function filterByTags<T extends { id: string }>(items: T[], tagsOf: Record<string, { id: string }[]>, tagIds: string[]): T[] {
  if (!tagIds.length) return items;
  const wanted = new Set(tagIds);
  return items.filter((c) => (tagsOf[c.id] ?? []).some((t) => wanted.has(t.id)));
}

/** The palette offered in the console (Tailwind 600 shades, readable with white text). */
export const TAG_COLORS = ['#4f46e5', '#0891b2', '#059669', '#65a30d', '#d97706', '#dc2626', '#db2777', '#7c3aed', '#475569'] as const;
