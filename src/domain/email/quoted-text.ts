/**
 * The new text of an email reply, without what mail clients add below or around it: the quoted earlier
 * mail ("On … wrote:", "-----Original Message-----", Outlook's "From: / Sent:" header block, "> " lines)
 * and the signature ("-- "). Everything from the first such marker on is dropped; trailing blank lines too.
 */
const CUT_MARKERS: RegExp[] = [
  /^-{2,}\s*Original Message\s*-{2,}\s*$/i,
  /^_{5,}\s*$/, // Outlook's rule above its header block
  /^-- ?$/, // signature separator (RFC 3676 "-- ")
  /^Sent from my \w+/i,
];

function isWroteLine(lines: string[], i: number): boolean {
  // "On Mon, 7 Dec 2026 at 10:00, Support <reply+…@…> wrote:" — Gmail may wrap it over two lines.
  const one = lines[i].trim();
  if (/^On\b.*\bwrote:\s*$/i.test(one)) return true;
  const two = `${one} ${(lines[i + 1] ?? '').trim()}`;
  return /^On\b.{0,200}\bwrote:\s*$/i.test(two) && !/wrote:/i.test(one);
}

function isOutlookHeaderBlock(lines: string[], i: number): boolean {
  if (!/^\*?From:\*?\s/i.test(lines[i].trim())) return false;
  const next = lines.slice(i + 1, i + 5).map((l) => l.trim());
  return next.some((l) => /^\*?(Sent|Date):\*?\s/i.test(l)) && next.some((l) => /^\*?(To|Subject):\*?\s/i.test(l));
}

export function stripQuotedText(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  let end = lines.length;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (CUT_MARKERS.some((re) => re.test(line.trimEnd())) || isWroteLine(lines, i) || isOutlookHeaderBlock(lines, i)) {
      end = i;
      break;
    }
  }
  const kept = lines.slice(0, end).filter((line) => !/^\s*>/.test(line));
  return kept.join('\n').replace(/\s+$/, '').replace(/^\s*\n/, '');
}
