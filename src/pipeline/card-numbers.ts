/**
 * Card numbers in inbound orders. A channel may carry a card number where none belongs
 * (a customer typing it into the order note or a line's gift message). Capture masks
 * every one (all digits but the last four become `*`) in the raw bytes, the parsed data
 * and the metadata before anything is stored, and tells capture where they were, so
 * the order can be flagged without the number itself being written anywhere.
 *
 * The connector has checked the signature over the original bytes by then: masking is
 * the one change the hub makes to the bytes it keeps. JSON and XML are masked with
 * their structure in view, so the shape survives: a card number inside a string keeps
 * its length, one written as a JSON number becomes a string of the same length; a field
 * meant to carry a payment token (its name contains "token") is left alone, and in an
 * identifier field (`id`, `variant_id`, `OrderId`) an unformatted run of digits is the
 * id. Other content types are masked as plain text.
 */
import type { EnvelopeIn, RawEnvelope } from '../sdk/connector.js';
import { findCardNumbers, isCardNumber, maskCardNumbers } from '../obs/scrub.js';
import { stringEnd } from '../sdk/parse-raw.js';

export interface MaskedEnvelope {
  envelope: EnvelopeIn;
  /** Where card numbers were found and masked (JSON pointers, XML element paths); empty when none. */
  paths: string[];
}

/** At most this many paths are reported per order (the count of the rest is noted). */
const MAX_PATHS = 20;

type FieldKind = 'token' | 'identifier' | 'text';

export function fieldKind(name: string | undefined): FieldKind {
  if (name === undefined) return 'text';
  if (/token/i.test(name)) return 'token';
  if (/^id$/i.test(name) || /[_.-]id$/i.test(name) || /[a-z0-9](Id|ID)$/.test(name)) return 'identifier';
  return 'text';
}

/** `\u0030`–`\u0039` in JSON strings, `&#48;`–`&#57;` / `&#x30;`–`&#x39;` in XML: digits written so a plain scan misses them. */
const ESCAPED_DIGIT = /\\u003[0-9]/i;
const DIGIT_REFERENCE = /&#(?:4[89]|5[0-7]|x3[0-9]);/i;
/**
 * Bodies whose parts may be base64 or quoted-printable (an e-mail): a plain scan of the
 * bytes can miss a number there, so the connector's parsed data is always scanned too.
 */
const ENCODED_CONTENT = /^\s*(?:message|multipart)\//i;

/**
 * The envelope with every card number masked, and where they were. `parse` turns a raw
 * envelope into the data the connector would give (to re-derive `data` from the masked
 * bytes). Costs one scan of the body when there is nothing to mask.
 */
export async function maskCardNumbersInEnvelope(envelope: EnvelopeIn, parse: (raw: RawEnvelope) => unknown): Promise<MaskedEnvelope> {
  const meta = maskMeta(envelope.meta);
  const text = envelope.body.toString('latin1'); // one character per byte: masking digits leaves every other byte as it was
  const escaped = ESCAPED_DIGIT.test(text) || DIGIT_REFERENCE.test(text);
  const mayHold = escaped || findCardNumbers(text).length > 0;
  const masked = mayHold ? maskText(text, envelope.contentType) : { text, paths: [] };
  const paths = [...masked.paths, ...meta.paths];
  if (paths.length === 0 && !('data' in envelope && ENCODED_CONTENT.test(envelope.contentType))) return { envelope, paths };
  const body = masked.paths.length > 0 ? Buffer.from(masked.text, 'latin1') : envelope.body;
  const next: EnvelopeIn = { ...envelope, body, ...(meta.value ? { meta: meta.value } : {}) };
  if ('data' in envelope) {
    let data: unknown = envelope.data;
    let reparsed = false;
    if (masked.paths.length > 0) {
      try {
        data = await parse({ body, contentType: envelope.contentType, meta: meta.value ?? {} });
        reparsed = true;
      } catch {
        // The connector's own data is masked below instead.
      }
    }
    if (!reparsed || escaped || ENCODED_CONTENT.test(envelope.contentType)) {
      // Whatever the bytes hid (escaped digits, encoded parts) or the parser made of them: the data is masked too.
      const rest = maskCardNumbersInValue(data);
      data = rest.value;
      paths.push(...rest.paths);
    }
    next.data = data;
  }
  return { envelope: next, paths: summarise(paths) };
}

function summarise(paths: string[]): string[] {
  const unique = [...new Set(paths)];
  return unique.length <= MAX_PATHS ? unique : [...unique.slice(0, MAX_PATHS), `(${unique.length - MAX_PATHS} more)`];
}

function maskMeta(meta: Record<string, string> | undefined): { value?: Record<string, string>; paths: string[] } {
  if (!meta) return { paths: [] };
  const paths: string[] = [];
  const value = Object.fromEntries(Object.entries(meta).map(([key, v]) => {
    if (typeof v !== 'string' || fieldKind(key) === 'token') return [key, v];
    const masked = maskCardNumbers(v, { identifier: fieldKind(key) === 'identifier' });
    if (masked.count > 0) paths.push(`(metadata ${key})`);
    return [key, masked.text];
  }));
  return paths.length > 0 ? { value, paths } : { paths };
}

function maskText(text: string, contentType: string): { text: string; paths: string[] } {
  const type = contentType.toLowerCase();
  if (type.includes('json')) return maskJson(text);
  if (type.includes('xml')) return maskXml(text);
  const masked = maskCardNumbers(text);
  return { text: masked.text, paths: masked.count > 0 ? ['(body)'] : [] };
}

interface Edit {
  start: number;
  end: number;
  text: string;
}

function applyEdits(text: string, edits: Edit[]): string {
  if (edits.length === 0) return text;
  let out = '';
  let at = 0;
  for (const edit of edits) {
    out += text.slice(at, edit.start) + edit.text;
    at = edit.end;
  }
  return out + text.slice(at);
}

/** Masks the text of one field; undefined when nothing in it is a card number. */
function maskField(content: string, kind: FieldKind, decodeEscapes: (s: string) => string): string | undefined {
  if (kind === 'token') return undefined;
  const identifier = kind === 'identifier';
  const plain = maskCardNumbers(content, { identifier });
  const decoded = decodeEscapes(content);
  if (decoded !== content) {
    const fromDecoded = maskCardNumbers(decoded, { identifier });
    if (fromDecoded.count > plain.count) return fromDecoded.text;
  }
  return plain.count > 0 ? plain.text : undefined;
}

function pointerSegment(segment: string | number): string {
  return String(segment).replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Readable form of a latin1-read name (the bytes were UTF-8). */
function readable(name: string): string {
  return Buffer.from(name, 'latin1').toString('utf8');
}

interface JsonFrame {
  array: boolean;
  index: number;
  key: string | undefined;
  expectKey: boolean;
  /** The name the values of an array belong to (the array's own key). */
  field: string | undefined;
  path: string;
  token: boolean;
}

const decodeJsonDigits = (s: string) => s.replace(/(?<!\\)\\u003([0-9])/gi, '$1');

/** JSON text (read as latin1) with card numbers masked in strings and numbers, and their JSON pointers. */
export function maskJson(text: string): { text: string; paths: string[] } {
  const frames: JsonFrame[] = [];
  const edits: Edit[] = [];
  const paths: string[] = [];
  const here = (): { field: string | undefined; path: string; token: boolean } => {
    const top = frames[frames.length - 1];
    if (!top) return { field: undefined, path: '', token: false };
    if (top.array) return { field: top.field, path: `${top.path}/${top.index}`, token: top.token };
    return { field: top.key, path: `${top.path}/${pointerSegment(readable(top.key ?? ''))}`, token: top.token || fieldKind(top.key) === 'token' };
  };
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      const end = stringEnd(text, i + 1);
      const top = frames[frames.length - 1];
      const isKey = top !== undefined && !top.array && top.expectKey;
      const where = isKey ? { field: undefined, path: `${top.path}/(a key)`, token: false } : here();
      const masked = maskField(text.slice(i + 1, end), where.token ? 'token' : fieldKind(where.field), decodeJsonDigits);
      if (masked !== undefined) {
        edits.push({ start: i + 1, end, text: masked });
        if (paths[paths.length - 1] !== where.path) paths.push(where.path);
      }
      if (isKey) {
        top.key = masked ?? text.slice(i + 1, end);
        top.expectKey = false;
      }
      i = end + 1;
    } else if (c === 0x7b || c === 0x5b) {
      const where = here();
      frames.push({ array: c === 0x5b, index: 0, key: undefined, expectKey: c === 0x7b, field: where.field, path: where.path, token: where.token });
      i++;
    } else if (c === 0x7d || c === 0x5d) {
      frames.pop();
      i++;
    } else if (c === 0x2c) {
      const top = frames[frames.length - 1];
      if (top?.array) top.index++;
      else if (top) top.expectKey = true;
      i++;
    } else if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
      let end = i + 1;
      while (end < n && /[0-9eE.+-]/.test(text[end]!)) end++;
      const token = text.slice(i, end);
      if (/^\d{13,19}$/.test(token) && isCardNumber(token)) {
        const where = here();
        if (!where.token && fieldKind(where.field) === 'text') {
          // A number cannot hold `*`: it becomes a string of the same length.
          edits.push({ start: i, end, text: `"${'*'.repeat(token.length - 6)}${token.slice(-4)}"` });
          paths.push(where.path);
        }
      }
      i = end;
    } else {
      i++;
    }
  }
  return { text: applyEdits(text, edits), paths };
}

const decodeXmlDigits = (s: string) => s.replace(/&#(?:(4[89]|5[0-7])|x(3[0-9]));/gi, (_m, dec?: string, hex?: string) =>
  String.fromCharCode(dec ? Number(dec) : parseInt(hex!, 16)));

const XML_NAME_END = /[\s/>=]/;

/**
 * XML text (read as latin1) with card numbers masked in text, CDATA, comments and
 * attribute values, and their element paths. One pass with `indexOf`, linear in the
 * text whatever its shape.
 */
export function maskXml(text: string): { text: string; paths: string[] } {
  const stack: string[] = [];
  const edits: Edit[] = [];
  const paths: string[] = [];
  const n = text.length;
  const inToken = () => stack.some((name) => /token/i.test(name));
  const elementPath = () => stack.map((name) => `/${readable(name)}`).join('') || '/';
  const maskAt: MaskAt = (start, end, field, path, token = inToken()) => {
    if (end <= start) return;
    const masked = maskField(text.slice(start, end), token ? 'token' : fieldKind(field), decodeXmlDigits);
    if (masked === undefined) return;
    edits.push({ start, end, text: masked });
    const where = path();
    if (paths[paths.length - 1] !== where) paths.push(where);
  };
  const until = (end: string, from: number) => {
    const at = text.indexOf(end, from);
    return at === -1 ? n : at;
  };
  let i = 0;
  while (i < n) {
    const lt = text.indexOf('<', i);
    maskAt(i, lt === -1 ? n : lt, stack[stack.length - 1], elementPath);
    if (lt === -1) break;
    if (text.startsWith('<!--', lt)) {
      const end = until('-->', lt + 4);
      maskAt(lt + 4, end, stack[stack.length - 1], () => `${elementPath()} (a comment)`);
      i = end + 3;
    } else if (text.startsWith('<![CDATA[', lt)) {
      const end = until(']]>', lt + 9);
      maskAt(lt + 9, end, stack[stack.length - 1], elementPath);
      i = end + 3;
    } else if (text[lt + 1] === '?' || text[lt + 1] === '!') {
      i = until('>', lt) + 1;
    } else if (text[lt + 1] === '/') {
      stack.pop();
      i = until('>', lt) + 1;
    } else {
      i = maskStartTag(text, lt, stack, maskAt, elementPath);
    }
  }
  return { text: applyEdits(text, edits), paths };
}

type MaskAt = (start: number, end: number, field: string | undefined, path: () => string, token?: boolean) => void;

/** Masks the attribute values of the start tag at `lt`, pushes its element, and returns the index after the tag. */
function maskStartTag(text: string, lt: number, stack: string[], maskAt: MaskAt, elementPath: () => string): number {
  const n = text.length;
  let j = lt + 1;
  while (j < n && !XML_NAME_END.test(text[j]!)) j++;
  stack.push(text.slice(lt + 1, j));
  const token = stack.some((name) => fieldKind(name) === 'token');
  while (j < n) {
    const c = text[j]!;
    if (c === '>') return j + 1;
    if (c === '/' && text[j + 1] === '>') {
      stack.pop();
      return j + 2;
    }
    if (c === '"' || c === "'") {
      // A value without a name: skip it whole.
      const end = text.indexOf(c, j + 1);
      j = end === -1 ? n : end + 1;
      continue;
    }
    if (/\s|=/.test(c)) {
      j++;
      continue;
    }
    const nameAt = j;
    while (j < n && !XML_NAME_END.test(text[j]!)) j++;
    if (j === nameAt) {
      j++;
      continue;
    }
    const name = text.slice(nameAt, j);
    while (j < n && /\s/.test(text[j]!)) j++;
    if (text[j] !== '=') continue;
    j++;
    while (j < n && /\s/.test(text[j]!)) j++;
    const quote = text[j];
    if (quote !== '"' && quote !== "'") continue;
    const end = text.indexOf(quote, j + 1);
    const valueEnd = end === -1 ? n : end;
    maskAt(j + 1, valueEnd, name, () => `${elementPath()}/@${readable(name)}`, token || fieldKind(name) === 'token');
    j = valueEnd + 1;
  }
  return n;
}

interface Pending {
  container: Record<string, unknown> | unknown[];
  path: string;
  /** The name values directly inside belong to (an array's values belong to the array's key). */
  field: string | undefined;
  token: boolean;
}

/**
 * Plain data with every card number masked, and where: strings as in the bytes,
 * card numbers held as numbers become masked strings. Objects and arrays are changed in
 * place (the data is the hub's own copy); walks without recursion, however deep.
 */
export function maskCardNumbersInValue(value: unknown): { value: unknown; paths: string[] } {
  const paths: string[] = [];
  const maskOne = (v: unknown, field: string | undefined, token: boolean, path: string): unknown => {
    if (token) return v;
    const kind = fieldKind(field);
    if (typeof v === 'string') {
      const masked = maskCardNumbers(v, { identifier: kind === 'identifier' });
      if (masked.count === 0) return v;
      paths.push(path || '/');
      return masked.text;
    }
    if (typeof v === 'number' && kind === 'text' && Number.isSafeInteger(v) && v > 0 && isCardNumber(String(v))) {
      paths.push(path || '/');
      const digits = String(v);
      return `${'*'.repeat(digits.length - 6)}${digits.slice(-4)}`;
    }
    return v;
  };
  if (value === null || typeof value !== 'object') return { value: maskOne(value, undefined, false, ''), paths };
  const pending: Pending[] = [{ container: value as Record<string, unknown>, path: '', field: undefined, token: false }];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const { container, path, field, token } = next;
    const entries: Array<[string | number, unknown]> = Array.isArray(container) ? container.map((v, i) => [i, v]) : Object.entries(container);
    for (const [key, child] of entries) {
      const childField = Array.isArray(container) ? field : String(key);
      const childToken = token || fieldKind(childField) === 'token';
      const childPath = `${path}/${pointerSegment(key)}`;
      if (child !== null && typeof child === 'object') {
        pending.push({ container: child as Record<string, unknown>, path: childPath, field: childField, token: childToken });
        continue;
      }
      const masked = maskOne(child, childField, childToken, childPath);
      if (masked !== child) (container as Record<string | number, unknown>)[key] = masked;
    }
  }
  return { value, paths };
}
