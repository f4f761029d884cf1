/**
 * The allowed-domains box: one entry per line (or comma). A space inside an entry stays in it, so
 * "https://my shop.com" is refused as one wrong entry instead of being split into two.
 */
export function splitDomains(text: string): string[] {
  return text
    .split(/[\n,]+/)
    .map((d) => d.trim())
    .filter(Boolean);
}

/** The refusal of an entry, naming it ("“https://my shop.com” is not a domain. Enter a domain like …"). */
export function domainsError(errors: Record<string, string>, text: string): string | undefined {
  if (errors.allowedDomains) return errors.allowedDomains;
  const hit = Object.entries(errors).find(([k]) => k.startsWith('allowedDomains.'));
  if (!hit) return undefined;
  const entry = splitDomains(text)[Number(hit[0].split('.')[1])];
  return entry ? `“${entry}” is not a domain. ${hit[1]}` : hit[1];
}
