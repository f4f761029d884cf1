/**
 * What the visitor's browser says about where they are, sent in the handshake `auth` so the agent's panel
 * can show the visitor's local time, time zone and language (the server validates and caps both).
 */
export function deviceHints(): { timeZone?: string; language?: string } {
  const hints: { timeZone?: string; language?: string } = {};
  try {
    const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (timeZone) hints.timeZone = timeZone;
  } catch {
    // Very old browsers: no time zone, the panel says "Unknown".
  }
  if (typeof navigator !== 'undefined' && navigator.language) hints.language = navigator.language;
  return hints;
}
