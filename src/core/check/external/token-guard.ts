/**
 * Whether a request to `url` may carry the GitHub token: only to one of its own hosts (matched on
 * `URL.host`, so a non-default port must be listed), and only over HTTPS or to loopback (tests).
 * Every hop of a redirect and every API request is judged with this one rule.
 * @param url where the request goes
 * @param hosts the hosts the token belongs to
 */
export function mayCarryToken(url: URL, hosts: ReadonlySet<string>): boolean {
  return hosts.has(url.host) && (url.protocol === 'https:' || isLoopback(url.hostname));
}

/** `localhost`, `127.x.x.x` or `[::1]`. */
export function isLoopback(hostname: string): boolean {
  return hostname === 'localhost' || hostname.startsWith('127.') || hostname === '[::1]';
}
