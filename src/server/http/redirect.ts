/**
 * Every redirect target taken from a request (`?next=`, a return address) goes through here:
 * parsed with the WHATWG URL parser (the one browsers use) against our own origin, and refused
 * unless the result stays on that origin. What the browser would do with `/\evil.example`,
 * `/%09/evil.example` or `//evil.example` is what this parser does, so none of them leaves the site.
 * Returns the normalised path (with query and fragment), or the fallback.
 */
export function sameOriginPath(
  target: string | undefined,
  ownOrigin: string,
  fallback = '/',
): string {
  if (!target) return fallback;
  let base: URL;
  let url: URL;
  try {
    base = new URL(ownOrigin);
    url = new URL(target, base);
  } catch {
    return fallback;
  }
  if (url.origin !== base.origin || url.username || url.password) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}
