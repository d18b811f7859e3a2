import { describe, expect, it } from 'vitest';
import { loadConfig, LinkvetError } from '../../../src/core/index.js';
import { makeTree } from '../../helpers/tree.js';

describe('the blockPrivate config key', () => {
  it('is off by default and read from the config file', () => {
    const plain = makeTree({ 'a.md': '' });
    expect(loadConfig({ cwd: plain, root: plain }).blockPrivate).toBe(false);
    const on = makeTree({ 'a.md': '', '.linkvet.yml': 'blockPrivate: true\n' });
    expect(loadConfig({ cwd: on, root: on }).blockPrivate).toBe(true);
  });

  it('refuses a value that is not a boolean, naming the key', () => {
    const root = makeTree({ 'a.md': '', '.linkvet.yml': 'blockPrivate: sometimes\n' });
    let caught: unknown;
    try {
      loadConfig({ cwd: root, root });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(LinkvetError);
    expect((caught as LinkvetError).message).toContain('blockPrivate');
  });
});
