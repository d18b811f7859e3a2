import { Parser } from 'htmlparser2';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { Readable, type Transform } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import type { FragmentAnswers } from './outcome.js';
import type { ResponseHeaders } from './send-request.js';

/** What reading a page for fragments found. */
export interface PageScan {
  /** False when the page is not HTML, so its fragments cannot be judged. */
  html: boolean;
  /** The answers for the fragments asked, once an HTML page has been read. */
  answers?: FragmentAnswers;
}

/** Bytes read at most from one page; a fragment further in than this is not looked for. */
const maxPageBytes = 16 * 1024 * 1024;

/**
 * Ids (`id` and `<a name>` values) looked at at most on one page. Each id costs a set lookup and is
 * not kept; this bounds the work per page beside the byte cap. A page with more is too id-dense to
 * check: a fragment not among its first ids is reported as not checked, never as missing.
 */
export const maxIdsPerPage = 200_000;

/** GitHub renders Markdown ids with this prefix and resolves the bare fragment with a script. */
const userContent = 'user-content-';

/**
 * Answers each asked-for fragment from the ids of one page, seen one at a time, without keeping
 * them: an id answers a fragment exactly, as browsers match, or as `user-content-` + the fragment,
 * case-insensitively, as on GitHub's pages.
 */
class FragmentMatcher {
  readonly #wanted: readonly string[];
  readonly #exact: ReadonlySet<string>;
  /** Lower-cased `user-content-` + fragment → the fragments it answers. */
  readonly #prefixed = new Map<string, string[]>();
  readonly #found = new Set<string>();
  #idsSeen = 0;

  constructor(wanted: readonly string[]) {
    this.#wanted = [...new Set(wanted)];
    this.#exact = new Set(this.#wanted);
    for (const fragment of this.#wanted) {
      const key = `${userContent}${fragment.toLowerCase()}`;
      this.#prefixed.set(key, [...(this.#prefixed.get(key) ?? []), fragment]);
    }
  }

  /** Every asked-for fragment is answered: nothing further in can change an answer. */
  get done(): boolean {
    return this.#found.size === this.#wanted.length || this.overLimit;
  }

  get overLimit(): boolean {
    return this.#idsSeen > maxIdsPerPage;
  }

  see(id: string): void {
    if (++this.#idsSeen > maxIdsPerPage) return;
    if (this.#exact.has(id)) this.#found.add(id);
    if (id.length <= userContent.length) return;
    for (const fragment of this.#prefixed.get(id.toLowerCase()) ?? []) this.#found.add(fragment);
  }

  answers(): FragmentAnswers {
    const found = this.#wanted.filter((fragment) => this.#found.has(fragment));
    if (this.overLimit) return { found, missing: [], stoppedAt: 'id-limit' };
    return { found, missing: this.#wanted.filter((fragment) => !this.#found.has(fragment)) };
  }
}

/**
 * Returns a body reader that streams the page through an HTML parser, answers each wanted
 * fragment found / missing into `scan`, and stops as soon as every one is found, at the page
 * byte cap, or past the cap on ids.
 */
export function pageIdReader(wanted: readonly string[], scan: PageScan) {
  return async (body: AsyncIterable<Buffer>, headers: ResponseHeaders): Promise<void> => {
    // A redirect's own body may have been read before: only the final page's answers count.
    delete scan.answers;
    scan.html = /\bx?html\b/i.test(headers.contentType ?? 'text/html');
    if (!scan.html) return;
    const matcher = new FragmentMatcher(wanted);
    const parser = new Parser({
      onopentag(name, attributes) {
        const { id } = attributes;
        if (id !== undefined) matcher.see(id);
        if (name === 'a' && attributes['name'] !== undefined) matcher.see(attributes['name']);
      },
    });
    const text = new StringDecoder('utf8');
    let bytes = 0;
    for await (const chunk of decoded(body, headers.contentEncoding)) {
      parser.write(text.write(chunk as Buffer));
      bytes += (chunk as Buffer).length;
      if (matcher.done || bytes > maxPageBytes) break;
    }
    parser.end(text.end());
    scan.answers = matcher.answers();
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
