import { errors } from 'undici';
import { describe, expect, it } from 'vitest';
import { classifyNetworkError } from '../../../../src/core/check/external/network-error.js';
import type { NetworkError } from '../../../../src/core/check/external/outcome.js';

/** An error as Node's sockets, DNS and TLS throw them: a message and an errno-style `code`. */
function systemError(code: string, message = `${code} (test)`): NodeJS.ErrnoException {
  return Object.assign(new Error(message), { code });
}

/** Wraps an error the way fetch and many libraries do: a vague outer error with the real one as `cause`. */
function wrapped(cause: unknown): Error {
  return new TypeError('fetch failed', { cause });
}

const codes: ReadonlyArray<readonly [string, NetworkError]> = [
  ['ECONNREFUSED', 'refused'],
  ['ECONNRESET', 'reset'],
  ['EPIPE', 'reset'],
  ['UND_ERR_SOCKET', 'reset'],
  ['UND_ERR_CONNECT_TIMEOUT', 'connect-timeout'],
  ['UND_ERR_HEADERS_TIMEOUT', 'timeout'],
  ['UND_ERR_BODY_TIMEOUT', 'timeout'],
  ['ETIMEDOUT', 'timeout'],
  ['ENOTFOUND', 'dns-not-found'],
  ['EAI_NONAME', 'dns-not-found'],
  ['EAI_AGAIN', 'dns-failure'],
  ['CERT_HAS_EXPIRED', 'tls'],
  ['DEPTH_ZERO_SELF_SIGNED_CERT', 'tls'],
  ['SELF_SIGNED_CERT_IN_CHAIN', 'tls'],
  ['UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'tls'],
  ['ERR_TLS_CERT_ALTNAME_INVALID', 'tls'],
  ['ERR_SSL_WRONG_VERSION_NUMBER', 'tls'],
  ['EPROTO', 'tls'],
];

describe('classifyNetworkError', () => {
  it.each(codes)('reads %s on the error itself as %s', (code, expected) => {
    expect(classifyNetworkError(systemError(code))).toBe(expected);
  });

  it.each(codes)('reads %s nested in `cause` as %s', (code, expected) => {
    expect(classifyNetworkError(wrapped(systemError(code)))).toBe(expected);
  });

  it('looks through several levels of `cause`', () => {
    const deep = wrapped(
      new Error('request failed', { cause: new Error('socket', { cause: systemError('ECONNRESET') }) }),
    );
    expect(classifyNetworkError(deep)).toBe('reset');
  });

  it('prefers a known code on the outer error over its cause', () => {
    const error = Object.assign(new Error('connect timed out', { cause: systemError('ECONNRESET') }), {
      code: 'UND_ERR_CONNECT_TIMEOUT',
    });
    expect(classifyNetworkError(error)).toBe('connect-timeout');
  });

  it('looks past an outer error whose code it does not know', () => {
    const error = Object.assign(new Error('opaque', { cause: systemError('ENOTFOUND') }), { code: 'E_SOMETHING_ELSE' });
    expect(classifyNetworkError(error)).toBe('dns-not-found');
  });

  it('reads the error classes undici itself throws', () => {
    expect(classifyNetworkError(new errors.ConnectTimeoutError())).toBe('connect-timeout');
    expect(classifyNetworkError(new errors.HeadersTimeoutError())).toBe('timeout');
    expect(classifyNetworkError(new errors.BodyTimeoutError())).toBe('timeout');
    expect(classifyNetworkError(new errors.SocketError('other side closed'))).toBe('reset');
    expect(classifyNetworkError(new errors.ClientClosedError())).toBe('reset');
  });

  it('counts a TimeoutError or AbortError, by name, as a timeout', () => {
    const timeout = Object.assign(new Error('The operation was aborted due to timeout'), { name: 'TimeoutError' });
    const abort = Object.assign(new Error('This operation was aborted'), { name: 'AbortError' });
    expect(classifyNetworkError(timeout)).toBe('timeout');
    expect(classifyNetworkError(abort)).toBe('timeout');
    expect(classifyNetworkError(wrapped(timeout))).toBe('timeout');
    expect(classifyNetworkError(new errors.RequestAbortedError())).toBe('timeout');
  });

  it('counts the reason of an AbortSignal.timeout (a DOMException) as a timeout', async () => {
    const signal = AbortSignal.timeout(1);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(signal.aborted).toBe(true);
    expect(classifyNetworkError(signal.reason)).toBe('timeout');
  });

  it("calls an error with no known code 'other'", () => {
    expect(classifyNetworkError(new Error('something odd'))).toBe('other');
    expect(classifyNetworkError(systemError('EWHATEVER'))).toBe('other');
    expect(classifyNetworkError(wrapped(new Error('no code here')))).toBe('other');
  });

  it("calls a value that is not an Error 'other', even one with a known code", () => {
    expect(classifyNetworkError('ECONNREFUSED')).toBe('other');
    expect(classifyNetworkError({ code: 'ECONNREFUSED' })).toBe('other');
    expect(classifyNetworkError(undefined)).toBe('other');
    expect(classifyNetworkError(null)).toBe('other');
  });

  it('stops on a cause that points back at itself', () => {
    const loop = new Error('loop');
    loop.cause = loop;
    expect(classifyNetworkError(loop)).toBe('other');
  });
});
