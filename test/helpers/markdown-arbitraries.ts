import fc from 'fast-check';

/**
 * Shared generators for the property tests. Runs are deterministic (a fixed seed) unless
 * `LINKVET_FUZZ_SEED` or `LINKVET_FUZZ_RUNS` ask for another seed or more runs.
 */
export function fuzzParameters(defaultRuns: number): { seed: number; numRuns: number; endOnFailure: boolean } {
  const seed = Number(process.env['LINKVET_FUZZ_SEED'] ?? 20261124);
  const numRuns = Number(process.env['LINKVET_FUZZ_RUNS'] ?? defaultRuns);
  return { seed, numRuns, endOnFailure: true };
}

/** Characters that carry Markdown syntax, plus the awkward ones: NUL, astral, lone surrogates, CR, tab. */
const syntaxCharacters = [
  '\r',
  ...'[]()<>!*_`#\n\\-+|:"\'=~>.&;/?%'.split(''), // ASCII only, so splitting is safe
  '\r\n',
  '\t',
  '\0',
  '😀',
  '\uD800',
  '\uDC00',
  'é',
  '中',
];

const syntaxCharacter = fc.constantFrom(...syntaxCharacters);

/** A short run of words, syntax characters and awkward characters. */
export const inlineText: fc.Arbitrary<string> = fc
  .array(fc.oneof({ weight: 3, arbitrary: fc.constantFrom('a', 'word', 'Hello', 'x y', ' ') }, syntaxCharacter), {
    maxLength: 8,
  })
  .map((parts) => parts.join(''));

/** A URL-ish destination: relative, absolute, fragments, encodings, spaces and brackets. */
export const destination: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    'a.md',
    './docs/b.md#part',
    '../up.md',
    '#Heading',
    'https://example.com/x?y=1#z',
    'mailto:a@b.c',
    '/root.md',
    '%2e%2e/x.md',
    'a%20b.md',
    '<with space.md>',
    '',
    'javascript:alert(1)',
    'a\\(b\\).md',
  ),
  fc.stringMatching(/^[a-z./#%0-9-]{0,12}$/),
);

const label = fc.constantFrom('a', 'B', 'label', 'Foo Bar', 'x\\]', '1', 'ü');

/** One inline construct: a link, image, reference, autolink, emphasis, code, HTML, entity or text. */
export const inline: fc.Arbitrary<string> = fc.oneof(
  inlineText,
  fc.tuple(inlineText, destination).map(([text, url]) => `[${text}](${url})`),
  fc.tuple(inlineText, destination).map(([text, url]) => `![${text}](${url} "title")`),
  fc.tuple(inlineText, label).map(([text, name]) => `[${text}][${name}]`),
  label.map((name) => `[${name}][]`),
  label.map((name) => `[${name}]`),
  label.map((name) => `![${name}]`),
  fc.constantFrom('<https://example.com/a>', 'https://example.org/b', 'www.example.net', '<a@b.co>'),
  inlineText.map((text) => `*${text}*`),
  inlineText.map((text) => `**${text}**`),
  inlineText.map((text) => `\`${text}\``),
  fc.tuple(destination, inlineText).map(([url, text]) => `<a href="${url}">${text}</a>`),
  destination.map((url) => `<img src="${url}" alt="i">`),
  fc.constantFrom('<!-- [c](d.md) -->', '&amp;', '&#91;', '&lbrack;', '\\[', '\\*', '[^note]', '<a name="n"></a>'),
);

const line: fc.Arbitrary<string> = fc.array(inline, { maxLength: 5 }).map((parts) => parts.join(' '));

/** One block: paragraph, heading, list, quote, fence, table, definition, HTML block, footnote. */
export const block: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: line },
  fc.tuple(fc.integer({ min: 1, max: 6 }), line).map(([level, text]) => `${'#'.repeat(level)} ${text}`),
  line.map((text) => `${text}\n===`),
  fc.array(line, { minLength: 1, maxLength: 3 }).map((items) => items.map((item) => `- ${item}`).join('\n')),
  fc.array(line, { minLength: 1, maxLength: 3 }).map((items) => items.map((item) => `1. ${item}`).join('\n')),
  line.map((text) => `> ${text}\n> # ${text}`),
  line.map((text) => `\`\`\`md\n${text}\n\`\`\``),
  line.map((text) => `~~~\n${text}`),
  line.map((text) => `    ${text}`),
  fc.tuple(line, line).map(([a, b]) => `| h | i |\n| - | - |\n| ${a} | ${b} |`),
  fc.tuple(label, destination).map(([name, url]) => `[${name}]: ${url}`),
  fc.tuple(label, destination).map(([name, url]) => `   [${name}]:\n   ${url} 'title'`),
  fc.tuple(label, destination).map(([name, url]) => `> [${name}]: ${url}`),
  fc.tuple(label, destination).map(([name, url]) => `- [${name}]: ${url}`),
  line.map((text) => `<div>\n${text}\n</div>`),
  line.map((text) => `<!--\n${text}\n-->`),
  line.map((text) => `[^note]: ${text}`),
  fc.constantFrom('---', '***', '<details>', '</details>', '<pre>', '</pre>'),
);

/** A Markdown document of random blocks, with optional front matter and a random line ending. */
export const markdownDocument: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom('', '---\ntitle: x\n---\n', '+++\na = 1\n+++\n', '\uFEFF'),
    fc.array(block, { maxLength: 14 }),
    fc.constantFrom('\n\n', '\n', '\r\n\r\n'),
  )
  .map(([front, blocks, separator]) => front + blocks.join(separator));

/** A text mutated by inserting, deleting or duplicating characters, mostly Markdown syntax. */
export function mutated(text: string): fc.Arbitrary<string> {
  const edit = fc.tuple(fc.nat(), fc.constantFrom('insert', 'delete', 'duplicate'), syntaxCharacter);
  return fc.array(edit, { minLength: 1, maxLength: 12 }).map((edits) => {
    let result = text;
    for (const [at, kind, character] of edits) {
      const index = result.length === 0 ? 0 : at % result.length;
      if (kind === 'insert') result = result.slice(0, index) + character + result.slice(index);
      else if (kind === 'delete') result = result.slice(0, index) + result.slice(index + 1);
      else result = result.slice(0, index) + result.slice(index, index + 8) + result.slice(index);
    }
    return result;
  });
}
