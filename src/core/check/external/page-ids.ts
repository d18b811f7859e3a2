import { Parser } from 'htmlparser2';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { Readable, type Transform } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import type { ResponseHeaders } from './send-request.js';

/** What reading a page for fragments found. */
export interface PageIds {
  /** Every `id` and `<a name>` seen before reading stopped. */
  readonly ids: string[];
  /** False when the page is not HTML, so its fragments cannot be judged. */
  html: boolean;
}

/** Bytes read at most from one page; a fragment further in than this is not looked for. */
const maxPageBytes = 16 * 1024 * 1024;

/**
 * Whether an id answers a fragment: exactly, as browsers match, or as GitHub's pages do, where
 * rendered Markdown ids carry a `user-content-` prefix that their script resolves.
 */
export function answersFragment(id: string, fragment: string): boolean {
  return id === fragment || id.toLowerCase() === `user-content-${fragment.toLowerCase()}`;
}

/**
 * Returns a body reader that collects ids with a streaming HTML parser and stops as soon as
 * every wanted fragment has been seen.
 */
export function pageIdReader(wanted: readonly string[], found: PageIds) {
  return async (body: AsyncIterable<Buffer>, headers: ResponseHeaders): Promise<void> => {
    found.html = /\bx?html\b/i.test(headers.contentType ?? 'text/html');
    if (!found.html) return;
    const missing = new Set(wanted);
    const parser = new Parser({
      onopentag(name, attributes) {
        for (const value of [attributes['id'], name === 'a' ? attributes['name'] : undefined]) {
          if (value === undefined) continue;
          found.ids.push(value);
          for (const fragment of missing) if (answersFragment(value, fragment)) missing.delete(fragment);
        }
      },
    });
    const text = new StringDecoder('utf8');
    let bytes = 0;
    for await (const chunk of decoded(body, headers.contentEncoding)) {
      parser.write(text.write(chunk as Buffer));
      bytes += (chunk as Buffer).length;
      if (missing.size === 0 || bytes > maxPageBytes) break;
    }
    parser.end(text.end());
  };
}

function decoded(body: AsyncIterable<Buffer>, encoding: string | undefined): AsyncIterable<unknown> {
  const decoder = decoderFor(encoding?.trim().toLowerCase());
  return decoder ? Readable.from(body).pipe(decoder) : body;
}

function decoderFor(encoding: string | undefined): Transform | undefined {
  switch (encoding) {
    case 'gzip':
    case 'x-gzip':
      return createGunzip();
    case 'deflate':
      return createInflate();
    case 'br':
      return createBrotliDecompress();
    default:
      return undefined;
  }
}
