import { describe, expect, it } from 'vitest';
import { check, places } from '../helpers/run.js';
import { makeTree } from '../helpers/tree.js';

describe('checkLinks', () => {
  it('reports a missing file at the link', () => {
    const root = makeTree({ 'README.md': '# Title\n\nSee [setup](setup.md).\n' });
    expect(places(check(root))).toEqual(['README.md:3:5 missing-file']);
  });
});
