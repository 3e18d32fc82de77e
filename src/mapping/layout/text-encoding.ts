/**
 * The character encodings of a layout file: UTF-8 (the default) and ISO-8859-1 (latin1,
 * one byte per character). Knows which characters an encoding cannot hold (and, for
 * fixed-width records, that a line break cannot be inside a field), encodes text that
 * has been checked, and decodes bytes saying which lines were not valid in the encoding.
 */
import type { LayoutEncoding } from '../mapping-file-types.js';

export interface DecodedText {
  readonly text: string;
  /** 1-based numbers of lines whose bytes are not valid in the encoding. */
  readonly badLines: readonly number[];
}

export interface TextEncoding {
  readonly name: LayoutEncoding;
  /** For messages: `UTF-8`, `ISO-8859-1`. */
  readonly label: string;
  /** For the content type: `utf-8`, `iso-8859-1`. */
  readonly charset: string;
  encode(text: string): Buffer;
  decode(bytes: Buffer): DecodedText;
}

const LATIN1: TextEncoding = {
  name: 'latin1',
  label: 'ISO-8859-1',
  charset: 'iso-8859-1',
  encode: (text) => Buffer.from(text, 'latin1'),
  decode: (bytes) => ({ text: bytes.toString('latin1'), badLines: [] }),
};

const UTF8: TextEncoding = {
  name: 'utf-8',
  label: 'UTF-8',
  charset: 'utf-8',
  encode: (text) => Buffer.from(text, 'utf8'),
  decode: decodeUtf8,
};

export function textEncoding(name: LayoutEncoding = 'utf-8'): TextEncoding {
  return name === 'latin1' ? LATIN1 : UTF8;
}

/** Characters an encoding cannot hold: above U+00FF for latin1, lone surrogates for UTF-8. */
const UNENCODABLE: Record<LayoutEncoding, string> = { 'latin1': '[^\\u0000-\\u00FF]', 'utf-8': '\\p{Cs}' };
const LINE_BREAK = '[\\r\\n]';

/** What a field's text is checked against before it is written. */
export interface CharacterCheck {
  /** The first character that cannot be written, or undefined. */
  find(text: string): string | undefined;
  /** The text with every such character replaced by `?`, and the characters replaced. */
  replace(text: string): { text: string; replaced: string[] };
  /** Why the character cannot be written: `cannot be written in ISO-8859-1`. */
  reason(character: string): string;
}

export function characterCheck(encoding: TextEncoding, fixedWidth: boolean): CharacterCheck {
  const source = fixedWidth ? `${UNENCODABLE[encoding.name]}|${LINE_BREAK}` : UNENCODABLE[encoding.name];
  const first = new RegExp(source, 'u');
  const every = new RegExp(source, 'gu');
  return {
    find: (text) => first.exec(text)?.[0],
    replace: (text) => {
      const replaced: string[] = [];
      const clean = text.replace(every, (character) => {
        replaced.push(character);
        return '?';
      });
      return { text: clean, replaced };
    },
    reason: (character) => (/^[\r\n]$/.test(character) && fixedWidth
      ? 'cannot be written in a fixed-width record'
      : `cannot be written in ${encoding.label}`),
  };
}

/** `"Ł" (U+0141)` */
export function describeCharacter(character: string): string {
  const code = character.codePointAt(0) ?? 0;
  return `${JSON.stringify(character)} (U+${code.toString(16).toUpperCase().padStart(4, '0')})`;
}

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const LF = 0x0a;

function decodeUtf8(bytes: Buffer): DecodedText {
  // One byte-order mark is skipped here; ignoreBOM keeps TextDecoder from dropping a second
  // one, which is then a U+FEFF of the text itself.
  const body = bytes.subarray(0, 3).equals(BOM) ? bytes.subarray(3) : bytes;
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body), badLines: [] };
  } catch {
    return { text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(body), badLines: invalidUtf8Lines(body) };
  }
}

/** UTF-8 never has a 0x0A byte inside a character, so each line can be checked on its own. */
function invalidUtf8Lines(bytes: Buffer): number[] {
  const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  const bad: number[] = [];
  let start = 0;
  let line = 1;
  while (start <= bytes.length) {
    const end = bytes.indexOf(LF, start);
    const stop = end === -1 ? bytes.length : end;
    try {
      strict.decode(bytes.subarray(start, stop));
    } catch {
      bad.push(line);
    }
    if (end === -1) break;
    start = end + 1;
    line++;
  }
  return bad;
}
