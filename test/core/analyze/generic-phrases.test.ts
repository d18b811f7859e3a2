import { describe, expect, it } from 'vitest';
import {
  genericPhrasesByLanguage,
  genericPhraseSet,
  isGenericText,
} from '../../../src/core/analyze/generic-phrases.js';
import { normalizeAnchorText } from '../../../src/core/analyze/normalize-text.js';

const builtIn = genericPhraseSet({});
const languages = Object.entries(genericPhrasesByLanguage);

describe('genericPhrasesByLanguage', () => {
  it('covers the languages linkvet promises', () => {
    expect(Object.keys(genericPhrasesByLanguage)).toEqual(
      expect.arrayContaining(['en', 'de', 'fr', 'es', 'pt', 'it', 'nl', 'ja', 'zh', 'ru', 'sv', 'pl']),
    );
  });

  it.each(languages)('%s has 10 to 30 phrases, distinct after normalisation', (_language, phrases) => {
    expect(phrases.length).toBeGreaterThanOrEqual(10);
    expect(phrases.length).toBeLessThanOrEqual(30);
    expect(new Set(phrases.map(normalizeAnchorText)).size).toBe(phrases.length);
  });

  it.each(languages)('every %s phrase survives normalisation and is generic', (_language, phrases) => {
    for (const phrase of phrases) {
      expect(normalizeAnchorText(phrase), phrase).not.toBe('');
      expect(isGenericText(phrase, builtIn), phrase).toBe(true);
    }
  });
});

describe('isGenericText', () => {
  it.each([
    'Click here!',
    'here',
    'Read more →',
    'LEARN MORE',
    '»Hier klicken«',
    'Mehr…',
    'en savoir plus…',
    'Cliquez ici',
    'Plus d’infos',
    'Más información',
    '¡Haz clic aquí!',
    'Saiba mais',
    'Scopri di più',
    'Lees meer',
    'こちら',
    '詳しくは、こちら',
    '点击这里',
    '點擊這裡',
    'Подробнее →',
    'Читать далее…',
    'Läs mer',
    'Czytaj więcej',
    'ｃｌｉｃｋ　ｈｅｒｅ',
  ])('%j is generic', (text) => {
    expect(isGenericText(text, builtIn)).toBe(true);
  });

  it.each([
    'click here to download the installer',
    'Read more about the config file',
    'Here’s how caching works',
    'more: the pager',
    'the source of the parser',
    'Mehr über die Konfiguration',
    'Go',
    'documentation',
    'Download',
    'Next',
    'herein',
    '',
    '…',
  ])('%j is not generic', (text) => {
    expect(isGenericText(text, builtIn)).toBe(false);
  });
});

describe('genericPhraseSet', () => {
  it('holds the normalised built-in phrases of every language', () => {
    expect(builtIn.has('click here')).toBe(true);
    expect(builtIn.has('plus dinfos')).toBe(true);
    expect(builtIn.has('詳しくはこちら')).toBe(true);
    expect(builtIn.has('Click here')).toBe(false);
  });

  it('extends the built-in lists with `extra`, normalised the same way', () => {
    const phrases = genericPhraseSet({ extra: ['Tap HERE!', '   '] });
    expect(isGenericText('tap here', phrases)).toBe(true);
    expect(isGenericText('click here', phrases)).toBe(true);
    expect(phrases.has('')).toBe(false);
  });

  it('uses only `replace` when given', () => {
    const phrases = genericPhraseSet({ replace: ['Tap here'], extra: ['ignored'] });
    expect([...phrases]).toEqual(['tap here']);
    expect(isGenericText('Click here', phrases)).toBe(false);
  });

  it('has no phrases at all when `replace` is empty', () => {
    expect(genericPhraseSet({ replace: [] }).size).toBe(0);
  });
});
