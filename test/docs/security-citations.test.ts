import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repositoryRoot } from '../helpers/cli.js';

// SECURITY.md backs each guarantee with the tests that keep it, cited as
// `test/….test.ts` › "test name", "another name". A renamed or deleted test would leave a
// guarantee no test keeps: every citation must name a test file that exists and holds a test
// of that name.

interface Citation {
  readonly file: string;
  readonly names: readonly string[];
}

function citations(markdown: string): Citation[] {
  const text = markdown.replace(/\s+/g, ' ');
  const found: Citation[] = [];
  for (const match of text.matchAll(/`(test\/[^`]+\.ts)` › ((?:"[^"]+"(?:,? (?:and )?)?)+)/g)) {
    const [, file = '', list = ''] = match;
    found.push({ file, names: [...list.matchAll(/"([^"]+)"/g)].map((name) => name[1] ?? '') });
  }
  return found;
}

/** The test's source with its string literals joined across line breaks, as the citation quotes them. */
function testSource(file: string): string {
  return readFileSync(path.join(repositoryRoot, file), 'utf8').replace(/\s+/g, ' ');
}

/** Names written as template literals (`it(\`decodes UTF-16 ${name}…\`)`), as patterns where each `${…}` is any text. */
function templateNames(source: string): RegExp[] {
  return [...source.matchAll(/\bit\(`([^`]*\$\{[^`]*)`/g)].map((match) => {
    const parts = (match[1] ?? '').split(/\$\{[^}]*\}/);
    return new RegExp(`^${parts.map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.+')}$`);
  });
}

describe('SECURITY.md', () => {
  const cited = citations(readFileSync(path.join(repositoryRoot, 'SECURITY.md'), 'utf8'));

  it('cites tests', () => {
    expect(cited.length).toBeGreaterThan(20);
  });

  it('cites only test files that exist, and only tests they hold', () => {
    const missing: string[] = [];
    for (const { file, names } of cited) {
      if (!existsSync(path.join(repositoryRoot, file))) {
        missing.push(`${file} (no such file)`);
        continue;
      }
      const source = testSource(file);
      const templates = templateNames(source);
      const holds = (name: string): boolean => source.includes(name) || templates.some((name_) => name_.test(name));
      for (const name of names) if (!holds(name)) missing.push(`${file} › "${name}"`);
    }
    expect(missing).toEqual([]);
  });
});
