// Text for Amazon's recipient-facing fields must be ISO-8859-1 (Latin-1) with no double spaces.
// Docs: https://developer-docs.amazon.com/sp-api/docs/fulfillment-outbound-api-v2020-07-01-reference
// (displayableOrderId: "alpha-numeric or ISO 8859-1 compliant … Cannot contain two spaces in a row").
//
// Customers type names and streets in any script, so we transliterate rather than reject: keep what
// Latin-1 already has (ä ö ü ß é ø …), fold other Latin letters to their nearest Latin-1 form, spell
// Greek and Cyrillic in Latin letters, turn typographic punctuation into ASCII and drop the rest.

/** Letters and signs with no useful Unicode decomposition, or whose customary spelling differs from it. */
const EXPLICIT: Readonly<Record<string, string>> = {
  // Hungarian double acute: customarily written with the umlaut when it is unavailable.
  'ő': 'ö', 'Ő': 'Ö', 'ű': 'ü', 'Ű': 'Ü',
  // Latin letters that do not decompose.
  'ł': 'l', 'Ł': 'L', 'đ': 'd', 'Đ': 'D', 'ħ': 'h', 'Ħ': 'H', 'ı': 'i', 'ŀ': 'l', 'Ŀ': 'L',
  'œ': 'oe', 'Œ': 'OE', 'ŋ': 'n', 'Ŋ': 'N', 'ĸ': 'k', 'ſ': 's', 'ƒ': 'f', 'ẞ': 'SS', 'ŧ': 't', 'Ŧ': 'T',
  'ƀ': 'b', 'ɓ': 'b', 'ƈ': 'c', 'ɗ': 'd', 'ƙ': 'k', 'ƚ': 'l', 'ɲ': 'n', 'ƥ': 'p', 'ʠ': 'q', 'ƭ': 't',
  'ʋ': 'v', 'ƴ': 'y', 'ȥ': 'z', 'ə': 'e', 'Ə': 'E', 'ǝ': 'e', 'ɛ': 'e', 'Ɛ': 'E',
  // Quotes, dashes and other typography.
  '\u2018': "'", '\u2019': "'", '\u201A': "'", '\u201B': "'", '\u2032': "'", '\u2039': "'", '\u203A': "'",
  '\u201C': '"', '\u201D': '"', '\u201E': '"', '\u201F': '"', '\u2033': '"',
  '\u2010': '-', '\u2011': '-', '\u2012': '-', '\u2013': '-', '\u2014': '-', '\u2015': '-', '\u2212': '-',
  '\u2026': '...', '\u2022': '-', '\u20AC': 'EUR', '\u2116': 'No', '\u2044': '/',
};

/** Cyrillic (Russian, Ukrainian, Belarusian, Bulgarian, Serbian, Macedonian), lower case. */
const CYRILLIC: Readonly<Record<string, string>> = {
  'а': 'a', 'б': 'b', 'в': 'v', 'г': 'g', 'д': 'd', 'е': 'e', 'ё': 'e', 'ж': 'zh', 'з': 'z', 'и': 'i',
  'й': 'y', 'к': 'k', 'л': 'l', 'м': 'm', 'н': 'n', 'о': 'o', 'п': 'p', 'р': 'r', 'с': 's', 'т': 't',
  'у': 'u', 'ф': 'f', 'х': 'kh', 'ц': 'ts', 'ч': 'ch', 'ш': 'sh', 'щ': 'shch', 'ъ': '', 'ы': 'y', 'ь': '',
  'э': 'e', 'ю': 'yu', 'я': 'ya',
  'є': 'ye', 'і': 'i', 'ї': 'yi', 'ґ': 'g', 'ў': 'u',
  'ђ': 'dj', 'ј': 'j', 'љ': 'lj', 'њ': 'nj', 'ћ': 'c', 'џ': 'dz', 'ѓ': 'gj', 'ќ': 'kj', 'ѕ': 'dz',
};

/** Greek (ELOT 743 in its simple form), lower case; accents are removed before the lookup. */
const GREEK: Readonly<Record<string, string>> = {
  'α': 'a', 'β': 'v', 'γ': 'g', 'δ': 'd', 'ε': 'e', 'ζ': 'z', 'η': 'i', 'θ': 'th', 'ι': 'i', 'κ': 'k',
  'λ': 'l', 'μ': 'm', 'ν': 'n', 'ξ': 'x', 'ο': 'o', 'π': 'p', 'ρ': 'r', 'σ': 's', 'ς': 's', 'τ': 't',
  'υ': 'y', 'φ': 'f', 'χ': 'ch', 'ψ': 'ps', 'ω': 'o',
};

const COMBINING_MARK = /^\p{M}$/u;
const LETTER_UPPER = /^\p{Lu}$/u;
/** Any Unicode space separator or line break (\s covers NBSP, U+2000–U+200A, U+3000 …): one plain space. */
const WHITESPACE = /^\s$/u;
/** Invisible characters that must simply vanish (zero-width, soft hyphen, BOM). */
const INVISIBLE = new Set(['\u00AD', '\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF']);

/** True when every character is in ISO-8859-1 (U+0000–U+00FF). */
export function isLatin1(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) > 0xff) return false;
  }
  return true;
}

function isPrintableLatin1(ch: string): boolean {
  const code = ch.codePointAt(0) ?? 0;
  return (code >= 0x20 && code < 0x7f) || (code >= 0xa0 && code <= 0xff);
}

/** Upper-cases a transliteration the way the original was cased: "Ж" → "Zh", but "ЖУК" → "ZHUK". */
function caseLike(translit: string, upper: boolean, neighbourUpper: boolean): string {
  if (!upper || translit === '') return translit;
  if (neighbourUpper) return translit.toUpperCase();
  return translit.charAt(0).toUpperCase() + translit.slice(1);
}

function fromScriptTable(ch: string, prev: string | undefined, next: string | undefined): string | undefined {
  const lower = ch.toLowerCase();
  // Whole letters first (й, ё, ї are letters of their own), then without Greek tonos/dialytika (ά → α).
  const base = lower.normalize('NFD').replace(/\p{M}/gu, '');
  const translit = CYRILLIC[lower] ?? GREEK[lower] ?? CYRILLIC[base] ?? GREEK[base];
  if (translit === undefined) return undefined;
  const upper = ch !== lower;
  const neighbourUpper = (next !== undefined && LETTER_UPPER.test(next)) || (next === undefined && prev !== undefined && LETTER_UPPER.test(prev));
  return caseLike(translit, upper, neighbourUpper);
}

/**
 * A Latin letter with marks Latin-1 lacks: keep the first mark that still composes into Latin-1
 * ("ầ" → "â"), otherwise the bare letter ("č" → "c"). Compatibility forms unfold here too ("ﬁ" → "fi").
 */
function fromDecomposition(ch: string): string {
  const parts = [...ch.normalize('NFKD')];
  let out = '';
  let i = 0;
  while (i < parts.length) {
    const base = parts[i] ?? '';
    i++;
    const marks: string[] = [];
    while (i < parts.length && COMBINING_MARK.test(parts[i] ?? '')) {
      marks.push(parts[i] ?? '');
      i++;
    }
    let chosen = isPrintableLatin1(base) ? base : (EXPLICIT[base] ?? '');
    if (chosen === base) {
      for (const mark of marks) {
        const composed = (base + mark).normalize('NFC');
        if (composed.length === 1 && isPrintableLatin1(composed)) {
          chosen = composed;
          break;
        }
      }
    }
    out += chosen;
  }
  return out;
}

function transliterateChar(ch: string, prev: string | undefined, next: string | undefined): string {
  if (INVISIBLE.has(ch)) return '';
  if (WHITESPACE.test(ch)) return ' ';
  if (isPrintableLatin1(ch)) return ch;
  const explicit = EXPLICIT[ch];
  if (explicit !== undefined) return explicit;
  const scripted = fromScriptTable(ch, prev, next);
  if (scripted !== undefined) return scripted;
  // Control characters and anything that does not decompose into Latin letters are dropped.
  return fromDecomposition(ch);
}

/**
 * Safe ISO-8859-1 rendering of free text: NFC first, transliterate, drop what cannot be represented,
 * turn every kind of space and line break into one plain space, collapse runs of spaces and trim.
 */
export function toLatin1(text: string): string {
  const chars = [...text.normalize('NFC')];
  let out = '';
  for (let i = 0; i < chars.length; i++) {
    out += transliterateChar(chars[i] ?? '', chars[i - 1], chars[i + 1]);
  }
  return out.replace(/ {2,}/g, ' ').trim();
}
