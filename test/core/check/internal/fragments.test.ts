import { describe, expect, it } from 'vitest';
import { checkFragment, checkLineFragment } from '../../../../src/core/check/internal/fragments.js';
import type { Landmarks } from '../../../../src/core/types.js';

const landmarks: Landmarks = {
  slugs: ['install', 'usage', 'options', 'options-1', 'ship-it-'],
  aliases: ['ship-it'],
  ids: ['Legacy-Anchor', 'custom'],
  lineCount: 40,
};

describe('checkFragment', () => {
  it('finds headings, aliases and ids case-insensitively, with or without user-content-', () => {
    for (const fragment of [
      'install',
      'Usage',
      'OPTIONS-1',
      'ship-it',
      'ship-it-',
      'legacy-anchor',
      'user-content-custom',
      'top',
    ]) {
      expect(checkFragment(landmarks, fragment), fragment).toEqual({ found: true });
    }
  });

  it('suggests the closest slug or id, never an alias', () => {
    expect(checkFragment(landmarks, 'instal')).toEqual({ found: false, reason: 'no-landmark', suggestion: 'install' });
    expect(checkFragment(landmarks, 'ship-i')).toEqual({ found: false, reason: 'no-landmark', suggestion: 'ship-it-' });
    expect(checkFragment(landmarks, 'nothing-like-it')).toEqual({ found: false, reason: 'no-landmark' });
  });

  it('checks line anchors against the line count', () => {
    expect(checkFragment(landmarks, 'L40')).toEqual({ found: true });
    expect(checkFragment(landmarks, 'L10-L41')).toEqual({ found: false, reason: 'past-end', line: 41, lineCount: 40 });
    expect(checkFragment(landmarks, 'L0')).toEqual({ found: false, reason: 'past-end', line: 0, lineCount: 40 });
  });
});

describe('checkLineFragment', () => {
  it('judges only line anchors, with columns, and leaves other fragments unknown', () => {
    expect(checkLineFragment(3, 'L3C7')).toEqual({ found: true });
    expect(checkLineFragment(3, 'L2C1-L4C2')).toEqual({ found: false, reason: 'past-end', line: 4, lineCount: 3 });
    expect(checkLineFragment(3, 'function-name')).toBeUndefined();
  });
});
