import type { NetworkError } from './outcome.js';

/** Response headers larger than this are refused, so a hostile server cannot fill memory with them. */
export const maxHeaderBytes = 64 * 1024;

const byCode: Readonly<Record<string, NetworkError>> = {
  UND_ERR_CONNECT_TIMEOUT: 'connect-timeout',
  UND_ERR_HEADERS_TIMEOUT: 'timeout',
  UND_ERR_BODY_TIMEOUT: 'timeout',
  ETIMEDOUT: 'timeout',
  ABORT_ERR: 'timeout',
  ECONNREFUSED: 'refused',
  ECONNRESET: 'reset',
  EPIPE: 'reset',
  UND_ERR_SOCKET: 'reset',
  UND_ERR_CLOSED: 'reset',
  ENOTFOUND: 'dns-not-found',
  EAI_NONAME: 'dns-not-found',
  EAI_AGAIN: 'dns-failure',
  EPROTO: 'tls',
  UND_ERR_HEADERS_OVERFLOW: 'oversized-headers',
  HPE_HEADER_OVERFLOW: 'oversized-headers',
  ERR_LINKVET_BLOCKED_ADDRESS: 'blocked-address',
};

/** Names an error thrown by undici or the socket under it, looking through `cause`. */
export function classifyNetworkError(error: unknown): NetworkError {
  for (let current: unknown = error, depth = 0; current instanceof Error && depth < 5; depth++) {
    const code = (current as NodeJS.ErrnoException).code;
    if (current.name === 'TimeoutError' || current.name === 'AbortError') return 'timeout';
    if (code !== undefined && byCode[code] !== undefined) return byCode[code];
    // llhttp's parse errors (HPE_INVALID_CONSTANT, HPE_INVALID_STATUS, …): the peer does not speak HTTP.
    if (current.name === 'HTTPParserError' || code?.startsWith('HPE_') === true) return 'bad-response';
    // OpenSSL's verification codes (CERT_HAS_EXPIRED, UNABLE_TO_VERIFY_LEAF_SIGNATURE, …) and Node's ERR_TLS_*/ERR_SSL_*.
    if (code !== undefined && /CERT|SSL|TLS|UNABLE_TO_|SIGNATURE/.test(code)) return 'tls';
    current = current.cause;
  }
  return 'other';
}

/** The words a message uses for each network error. */
export const networkErrorText: Readonly<Record<NetworkError, string>> = {
  timeout: 'timed out',
  'connect-timeout': 'timed out connecting',
  refused: 'refused the connection',
  reset: 'reset the connection',
  'dns-not-found': 'has a host name that does not exist',
  'dns-failure': 'could not be looked up (DNS)',
  tls: 'failed the TLS handshake',
  'redirect-loop': 'redirects in a loop',
  'too-many-redirects': 'redirects too many times',
  'bad-redirect': 'redirects to an invalid URL',
  'unsafe-redirect': 'redirects to a URL that is not http(s) (not followed)',
  'bad-response': 'sent a response that is not valid HTTP',
  'oversized-headers': `sent response headers larger than ${maxHeaderBytes / 1024} KiB`,
  'blocked-address': 'leads to an address blockPrivate refuses',
  other: 'failed',
};
