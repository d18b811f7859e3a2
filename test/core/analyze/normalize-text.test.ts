import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeAnchorText } from '../../../src/core/analyze/normalize-text.js';

/** Letters or digits, then letters, marks or digits; words joined by single spaces; or nothing. */
const normalForm = /^(?:[\p{L}\p{N}][\p{L}\p{M}\p{N}]*(?: [\p{L}\p{N}][\p{L}\p{M}\p{N}]*)*)?$/u;

/** Punctuation, symbols and white space of several scripts, to wrap text in. */
const padding = fc.constantFrom(...Array.from(' !…»«“”¿、。「」→.-\u00a0\u3000\t\n'), '😀');

/** Words of several scripts glued together with punctuation and spaces. */
const pieces = ['click', 'here', 'Mehr', 'Här', 'лучше', '更多', 'こちら', 'हिन्दी', '42', 'é', '!', '’', ' '];
const words = fc.array(fc.constantFrom(...pieces), { maxLength: 8 }).map((parts) => parts.join(''));

const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  words,
);

const codePoints = (text: string): number => Array.from(text).length;

describe('normalizeAnchorText', () => {
  it.each([
    ['Click here!', 'click here'],
    ['»Weiterlesen«', 'weiterlesen'],
    ['Mehr…', 'mehr'],
    ['Här', 'här'],
    ['  Read   more\n', 'read more'],
    ['Ça, c’est l’été', 'ça cest lété'],
    ['Más información', 'más información'],
    ['Zürich — Straße', 'zürich straße'],
    ['İstanbul', 'istanbul'],
    ['ΟΔΟΣ', 'οδος'],
    ['Подробнее →', 'подробнее'],
    ['Читать ДАЛЕЕ...', 'читать далее'],
    ['更多', '更多'],
    ['「点击这里」。', '点击这里'],
    ['点击 这里', '点击这里'],
    ['詳しくは、こちら', '詳しくはこちら'],
    ['ｶﾀｶﾅ', 'カタカナ'],
    ['続きを読む »', '続きを読む'],
    ['اقرأ المزيد »', 'اقرأ المزيد'],
    ['مـــزيد', 'مزيد'],
    ['हिन्दी पढ़ें', 'हिन्दी पढ़ें'],
    ['อ่านต่อ', 'อ่านต่อ'],
    ['ｃｌｉｃｋ　ｈｅｒｅ', 'click here'],
    ['“here”', 'here'],
    ["don't", 'dont'],
    ['don’t', 'dont'],
    ['donʼt', 'dont'],
    ['don´t', 'dont'],
    ["plus d'infos", 'plus dinfos'],
    ['click\u00a0here', 'click here'],
    ['click\u2003\u202f\u2009here', 'click here'],
    ['click\u200bhere', 'clickhere'],
    ['\ufeffhere\u200e', 'here'],
    ['re\u00adad', 'read'],
    ['می\u200cخواهم', 'میخواهم'],
    ['👉 here 👈', 'here'],
    ['❤️ more', 'more'],
    ['👍🏽 more', 'more'],
    ['👨‍👩‍👧 family', 'family'],
    ['🇩🇪 Deutsch', 'deutsch'],
    ['1️⃣ step', '1 step'],
    ['e\u0301te\u0301', 'été'],
    ['Node.js', 'node js'],
    ['best-cheap widgets', 'best cheap widgets'],
    ['¡¿?!…', ''],
    ['', ''],
  ])('%j becomes %j', (input, expected) => {
    expect(normalizeAnchorText(input)).toBe(expected);
  });

  it('keeps the final sigma Unicode lower-casing gives', () => {
    expect(Array.from(normalizeAnchorText('ΟΔΟΣ')).at(-1)).toBe('ς');
  });

  it('drops marks left with nothing to sit on', () => {
    expect(normalizeAnchorText('!\u0301here \u0308')).toBe('here');
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(anyText, (text) => normalizeAnchorText(normalizeAnchorText(text)) === normalizeAnchorText(text)),
    );
  });

  it('leaves no leading, trailing or double spaces', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const result = normalizeAnchorText(text);
        return result === result.trim() && !result.includes('  ');
      }),
    );
  });

  it('leaves only letters, marks, digits and single spaces', () => {
    fc.assert(fc.property(anyText, (text) => normalForm.test(normalizeAnchorText(text))));
  });

  it('ignores punctuation and white space around the text', () => {
    fc.assert(
      fc.property(anyText, fc.array(padding), fc.array(padding), (text, before, after) => {
        const padded = `${before.join('')}${text}${after.join('')}`;
        return normalizeAnchorText(padded) === normalizeAnchorText(text);
      }),
    );
  });

  it('ignores case', () => {
    const letters = fc.string({ unit: fc.constantFrom(...Array.from('abcxyz ÄÖÜäöüÉéЖжΩω')), maxLength: 20 });
    fc.assert(
      fc.property(
        letters,
        (text) => normalizeAnchorText(text.toUpperCase()) === normalizeAnchorText(text.toLowerCase()),
      ),
    );
  });

  it('is never longer than the NFKC form of its input', () => {
    fc.assert(
      fc.property(anyText, (text) => codePoints(normalizeAnchorText(text)) <= codePoints(text.normalize('NFKC'))),
    );
  });
});
