import { normalizeAnchorText } from './normalize-text.js';

/*
 * A phrase belongs here only when, as the WHOLE text of a link, it says nothing about the target: it points
 * ("here", "this"), urges ("click", "read more", "continue") or names only the kind of thing ("page", "link",
 * "website", "article", "source" — which page, which source?). Borderline calls, alike in every language:
 * - in: "source", "details", "info", "article", "page", "website" — only the genre, never the target;
 *   "continue"/"continue reading" — a teaser's "read on", not site navigation.
 * - out: "documentation", "docs", "download", "guide", "tutorial", "blog", "home", "demo", "example" — in
 *   docs these name a real kind of target and are often the best short text.
 * - out: "next", "previous", "weiter", "verder", "далее" — pagination labels in generated docs, clear in place.
 * - out: "go" (the Go language, linked as `[Go](https://go.dev)`) and "sida" (the Swedish agency Sida),
 *   since generic text is judged before brand names; "go here" and "den här sidan" stay in.
 * Lists are raw, as people write them; they are normalised when the set is built, so accents stay
 * (`más`), apostrophes vanish (`plus d'infos` → `plus dinfos`) and punctuation does not matter.
 */

// prettier-ignore
/** Built-in generic anchor phrases per language (ISO 639-1 code → raw phrases). */
export const genericPhrasesByLanguage: Readonly<Record<string, readonly string[]>> = {
  en: [
    'click here', 'click', 'click this link', 'here', 'go here', 'this', 'this link', 'link', 'url', 'this page',
    'page', 'this site', 'website', 'this website', 'this article', 'article', 'source', 'read more', 'more',
    'learn more', 'see more', 'find out more', 'more info', 'more information', 'info', 'details', 'more details',
    'continue', 'continue reading', 'check it out',
  ],
  de: [
    'hier', 'hier klicken', 'klicken sie hier', 'klick hier', 'siehe hier', 'hier entlang', 'mehr', 'weiterlesen',
    'hier weiterlesen', 'mehr lesen', 'mehr erfahren', 'mehr dazu', 'mehr infos', 'mehr informationen', 'infos',
    'details', 'link', 'dieser link', 'diese seite', 'seite', 'webseite', 'website', 'quelle', 'dieser artikel',
    'artikel', 'zum artikel',
  ],
  fr: [
    'ici', 'cliquez ici', 'clique ici', 'cliquer ici', 'par ici', 'voir ici', 'en savoir plus', 'lire la suite',
    'la suite', 'suite', 'lire plus', 'plus', 'voir plus', "plus d'infos", "plus d'informations", 'plus de détails',
    'détails', 'infos', 'lien', 'ce lien', 'cette page', 'page', 'ce site', 'site web', 'source', 'cet article',
    'article', 'continuer', 'continuer la lecture',
  ],
  es: [
    'aquí', 'aqui', 'acá', 'haz clic aquí', 'haga clic aquí', 'clic aquí', 'pulsa aquí', 'pincha aquí', 'leer más',
    'más', 'más información', 'más info', 'ver más', 'saber más', 'seguir leyendo', 'detalles', 'más detalles',
    'enlace', 'este enlace', 'esta página', 'página', 'sitio web', 'este sitio', 'fuente', 'este artículo',
    'artículo', 'continuar',
  ],
  pt: [
    'aqui', 'clique aqui', 'clica aqui', 'carregue aqui', 'acesse aqui', 'saiba mais', 'leia mais', 'ler mais',
    'mais', 'veja mais', 'ver mais', 'mais informações', 'mais info', 'detalhes', 'mais detalhes', 'link',
    'este link', 'esta página', 'página', 'site', 'este site', 'fonte', 'este artigo', 'artigo', 'continuar lendo',
    'continue lendo', 'continuar a ler', 'confira',
  ],
  it: [
    'qui', 'clicca qui', 'fai clic qui', 'vedi qui', 'leggi qui', 'leggi di più', 'scopri di più',
    'per saperne di più', 'di più', 'leggi tutto', 'leggi', 'continua a leggere', 'continua', 'altro', 'vedi altro',
    'dettagli', 'maggiori dettagli', 'maggiori informazioni', 'più info', 'link', 'questo link', 'questa pagina',
    'pagina', 'sito', 'sito web', 'questo sito', 'fonte', 'questo articolo', 'articolo',
  ],
  nl: [
    'hier', 'klik hier', 'klik', 'zie hier', 'lees meer', 'meer', 'lees verder', 'verder lezen', 'meer lezen',
    'meer info', 'meer informatie', 'meer weten', 'ontdek meer', 'bekijk meer', 'details', 'meer details', 'link',
    'deze link', 'deze pagina', 'pagina', 'website', 'deze website', 'bron', 'dit artikel', 'artikel', 'doorgaan',
  ],
  ja: [
    'こちら', 'ここ', 'こちらから', 'ここから', 'こちらをクリック', 'ここをクリック', 'クリック', '詳細',
    '詳細はこちら', '詳しくはこちら', '詳しく', '詳細を見る', 'もっと見る', 'もっと読む', 'さらに表示', 'もっと',
    '続きを読む', '続きはこちら', '続き', 'リンク', 'このリンク', 'このページ', 'こちらのページ', 'ページ', 'サイト',
    'ウェブサイト', 'この記事', '記事', '出典', 'ソース',
  ],
  zh: [
    '这里', '這裡', '此处', '此處', '点击这里', '點擊這裡', '点击此处', '點擊此處', '点此', '點此', '点击', '點擊',
    '更多', '了解更多', '阅读更多', '閱讀更多', '查看更多', '阅读全文', '閱讀全文', '详情', '詳情', '查看详情',
    '查看詳情', '链接', '連結', '此链接', '此页面', '网站', '網站', '来源',
  ],
  ru: [
    'здесь', 'тут', 'сюда', 'нажмите здесь', 'нажмите сюда', 'нажмите', 'кликните здесь', 'подробнее', 'подробности',
    'читать далее', 'читать дальше', 'читать полностью', 'ещё', 'еще', 'больше', 'узнать больше', 'узнать подробнее',
    'показать ещё', 'ссылка', 'эта ссылка', 'по ссылке', 'по этой ссылке', 'эта страница', 'страница', 'сайт',
    'этот сайт', 'источник', 'эта статья', 'статья',
  ],
  sv: [
    'här', 'klicka här', 'klicka', 'läs mer', 'mer', 'läs vidare', 'se mer', 'visa mer', 'lär dig mer',
    'ta reda på mer', 'mer info', 'mer information', 'detaljer', 'länk', 'denna länk', 'den här länken', 'denna sida',
    'den här sidan', 'webbplats', 'källa', 'den här artikeln', 'artikel', 'fortsätt läsa',
  ],
  pl: [
    'tutaj', 'tu', 'kliknij tutaj', 'kliknij tu', 'kliknij', 'czytaj więcej', 'czytaj dalej', 'więcej',
    'dowiedz się więcej', 'więcej informacji', 'zobacz więcej', 'pokaż więcej', 'szczegóły', 'więcej szczegółów',
    'link', 'ten link', 'ta strona', 'strona', 'witryna', 'źródło', 'ten artykuł', 'artykuł', 'kontynuuj',
  ],
};

/** The normalised set used for matching: the built-in lists plus `extra`, or only `replace` when given. */
export function genericPhraseSet(options: {
  extra?: readonly string[];
  replace?: readonly string[];
}): ReadonlySet<string> {
  const raw = options.replace ?? [...Object.values(genericPhrasesByLanguage).flat(), ...(options.extra ?? [])];
  return new Set(raw.map(normalizeAnchorText).filter((phrase) => phrase !== ''));
}

/**
 * Whether a (raw) anchor text is generic: its normalised form equals a phrase exactly, so a generic word
 * inside a longer descriptive text is not.
 */
export function isGenericText(text: string, phrases: ReadonlySet<string>): boolean {
  return phrases.has(normalizeAnchorText(text));
}
