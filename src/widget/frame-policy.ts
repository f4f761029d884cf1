/**
 * Who may frame /widget. The loader declares the embedding page's origin (`?host=`); the page refuses a host
 * outside the workspace's allowed domains, and this CSP makes the browser refuse any framing page other
 * than that declared origin, so a site cannot borrow an allowed site's name.
 */
export function widgetFrameAncestors(searchParams: URLSearchParams): string {
  const host = searchParams.get('host') ?? '';
  let origin: string | null = null;
  try {
    const url = new URL(host);
    if ((url.protocol === 'http:' || url.protocol === 'https:') && url.origin === host) origin = url.origin;
  } catch {
    origin = null;
  }
  return `frame-ancestors ${origin ?? "'none'"}`;
}
