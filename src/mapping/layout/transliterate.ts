/**
 * Transliteration of characters an encoding cannot hold into the closest plain text a
 * legacy system can read: typographic punctuation to its ASCII form (– → -, “ → ",
 * … → ...), letters with marks outside the encoding to their base letter (Ł → L,
 * ő → o, ș → s), ligatures spelled out (œ → oe). What has no such form (Ω, 中) stays as
 * it is, for the caller to refuse or replace.
 */
const SPELLED: Record<string, string> = {
  '\u2010': '-', '\u2011': '-', '\u2012': '-', '\u2013': '-', '\u2014': '-', '\u2015': '-', '\u2212': '-',
  '\u2018': "'", '\u2019': "'", '\u201A': "'", '\u201B': "'", '\u2032': "'",
  '\u201C': '"', '\u201D': '"', '\u201E': '"', '\u201F': '"', '\u2033': '"',
  '\u2026': '...', '\u2022': '*', '\u00B7': '.', '\u2009': ' ', '\u200A': ' ', '\u202F': ' ', '\u2007': ' ',
  '\u20AC': 'EUR', '\u2122': 'TM',
  'Ł': 'L', 'ł': 'l', 'Đ': 'D', 'đ': 'd', 'Ħ': 'H', 'ħ': 'h', 'ı': 'i', 'Œ': 'OE', 'œ': 'oe', 'ŀ': 'l', 'Ŀ': 'L',
};

const MARKS = /\p{M}/gu;

/** The closest plain form of one character (itself when there is none). */
export function transliterate(character: string): string {
  const spelled = SPELLED[character];
  if (spelled !== undefined) return spelled;
  const base = character.normalize('NFKD').replace(MARKS, '');
  return base === '' ? character : base;
}
