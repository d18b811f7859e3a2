import { describe, expect, it } from 'vitest';
import { isTerminalUnsafe, terminalSafe } from '../../../src/core/report/terminal-safe.js';
import { runCli } from '../../helpers/cli.js';
import { makeTree } from '../../helpers/tree.js';

describe('terminalSafe', () => {
  it('shows control and bidirectional characters as escapes, and leaves other text alone', () => {
    expect(terminalSafe('a\u001b[2Jb\u0007c\u009bd\r\n\t')).toBe('a\\u{1b}[2Jb\\u{7}c\\u{9b}d\\u{d}\\u{a}\\u{9}');
    expect(terminalSafe('evil\u202egpj.md \u2066x\u2069')).toBe('evil\\u{202e}gpj.md \\u{2066}x\\u{2069}');
    expect(terminalSafe('docs/überblick.md → 日本語 ✔ 👍')).toBe('docs/überblick.md → 日本語 ✔ 👍');
  });
});

describe('the text report', () => {
  it('prints a hostile file name and URL inert, colours or not', async () => {
    const name = 'notes\u001b]0;pwned\u0007\u202edm.md';
    const root = makeTree({ [name]: '[gone](<gone\u001b[2J.md>)\n' });
    for (const tty of [false, true]) {
      const run = await runCli(['--offline'], { cwd: root, env: tty ? { FORCE_COLOR: '1' } : {}, tty });
      expect(run.code).toBe(1);
      expect(run.stdout).toContain('notes\\u{1b}]0;pwned\\u{7}\\u{202e}dm.md');
      expect(run.stdout).toContain('gone\\u{1b}[2J.md');
      // The only escape sequences left are the report's own colours.
      const [first = '', ...coloured] = run.stdout.split(`${String.fromCodePoint(0x1b)}[`);
      for (const part of coloured) expect(part).toMatch(/^\d+m/);
      const uncoloured = [first, ...coloured.map((part) => part.replace(/^\d+m/, ''))].join('');
      const unsafe = Array.from(uncoloured).filter(
        (char) => char !== '\n' && isTerminalUnsafe(char.codePointAt(0) ?? 0),
      );
      expect(unsafe).toEqual([]);
    }
  });
});
