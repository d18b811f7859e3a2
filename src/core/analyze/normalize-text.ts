/** An apostrophe inside a word (`don't`, `l’article`): deleted, so `don't` and `dont` compare equal. */
const innerApostrophe = /(?<=[\p{L}\p{N}]\p{M}*)['’`](?=[\p{L}\p{N}])/gu;

/**
 * Characters that show nothing of their own: format controls (zero-width joiners, soft hyphens, bidi marks),
 * variation selectors, enclosing marks (keycaps), Arabic tatweel, other controls, private use, unassigned.
 */
const invisible = /[\p{Default_Ignorable_Code_Point}\p{Cf}\p{Cc}\p{Cs}\p{Co}\p{Cn}\p{Me}\u0640]/gu;

/** Punctuation or a symbol together with any marks stacked on it. */
const punctuation = /[\p{P}\p{S}]\p{M}*/gu;

/** Marks with nothing to sit on: at the start or after a space. */
const orphanMarks = /(^| )\p{M}+/gu;

/** A space between two characters of scripts written without spaces between words. */
const unspacedScript = '[\\p{scx=Han}\\p{scx=Hiragana}\\p{scx=Katakana}]';
const spaceInUnspaced = new RegExp(`(?<=${unspacedScript}\\p{M}*) (?=${unspacedScript})`, 'gu');

/**
 * Anchor text reduced for comparison: Unicode NFKC, lower case (locale-independent, Unicode-aware),
 * punctuation and symbols (Unicode categories P and S, so “…”, «», ¿, 、。「」 and emoji too) turned into
 * word breaks, apostrophes inside words and invisible characters (zero-width joiners, variation selectors)
 * deleted, runs of white space collapsed to one space and trimmed, and spaces between Chinese or Japanese
 * characters dropped. Letters, marks and digits of every script survive: `更多` stays `更多`, `Här`
 * becomes `här`, `Mehr…` becomes `mehr`, `Click here!` becomes `click here`, `»Weiterlesen«` becomes `weiterlesen`.
 */
export function normalizeAnchorText(text: string): string {
  const bare = lowerCase(compatible(text))
    .replace(/\p{White_Space}/gu, ' ')
    .replace(invisible, '')
    .replace(innerApostrophe, '')
    .replace(punctuation, ' ')
    .replace(orphanMarks, '$1');
  return bare.normalize('NFC').replace(/ +/g, ' ').trim().replace(spaceInUnspaced, '');
}

/** NFKC, with the acute accent and the modifier letter apostrophe written as apostrophes (`don´t`, `ŉ`). */
function compatible(text: string): string {
  return text
    .replace(/\u00b4/g, '’')
    .normalize('NFKC')
    .replace(/\u02bc/g, '’');
}

/** Lower case without growing: `İ` becomes plain `i`, not `i` with a combining dot. */
function lowerCase(text: string): string {
  return text.replace(/\u0130/g, 'i').toLowerCase();
}
