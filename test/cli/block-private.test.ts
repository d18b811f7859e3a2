import { describe, expect, it } from 'vitest';
import { parseArgv } from '../../src/cli/parse-argv.js';
import { usage } from '../../src/cli/usage.js';

describe('--block-private', () => {
  it('sets blockPrivate, and only when given', () => {
    expect(parseArgv(['docs', '--block-private']).flags).toStrictEqual({ blockPrivate: true });
    expect(parseArgv(['docs']).flags).not.toHaveProperty('blockPrivate');
  });

  it('is listed in the usage text', () => {
    expect(usage).toMatch(
      /^ {2}--block-private {10}never connect to loopback, private, link-local or cloud-metadata addresses$/m,
    );
  });
});
