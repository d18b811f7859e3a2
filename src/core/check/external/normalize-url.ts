/** A URL without its fragment, normalised by WHATWG parsing (case of scheme and host, default port, dot segments). */
export function withoutFragment(url: string): string {
  const parsed = new URL(url);
  parsed.hash = '';
  return parsed.href;
}

/** The percent-decoded fragment of a URL, or `undefined` when it has none. */
export function fragmentOf(url: string): string | undefined {
  const hash = new URL(url).hash.slice(1);
  if (hash === '') return undefined;
  try {
    return decodeURIComponent(hash);
  } catch {
    return hash;
  }
}
