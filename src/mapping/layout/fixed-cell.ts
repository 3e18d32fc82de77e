/**
 * One fixed-width field: fitting a value into its width and padding it. Widths count
 * characters (code points), so with latin1 one character is one byte.
 * - overflow: a value longer than the field is refused (`error`) or cut (`truncate`, the
 *   caller records a warning); numbers are never cut, whatever the setting;
 * - alignment and padding: text left-aligned and space-padded, integers right-aligned and
 *   zero-padded, unless the field says otherwise; the sign of a negative number comes
 *   before the zeros (`-0001250`) or after the spaces (`   -1250`);
 * - a missing value is a blank field (spaces), never a made-up zero.
 */
import type { FieldType, LayoutFieldSpec, Overflow } from '../mapping-file-types.js';
import { PipeRefusal } from '../pipes/pipe-errors.js';
import { quote } from '../values.js';
import type { TypedValue } from './field-type.js';

export interface Fitted {
  readonly text: string;
  /** The length before the text was cut, when it was. */
  readonly cutFrom?: number;
}

export interface FixedCell {
  readonly width: number;
  readonly align: 'left' | 'right';
  readonly padChar: string;
  readonly blank: string;
  /** Throws PipeRefusal when the value does not fit and may not be cut. */
  fit(value: TypedValue): Fitted;
  pad(text: string, negative: boolean): string;
}

const SURROGATE = /[\uD800-\uDFFF]/;

export function characterCount(text: string): number {
  return SURROGATE.test(text) ? [...text].length : text.length;
}

function firstCharacters(text: string, count: number): string {
  return SURROGATE.test(text) ? [...text].slice(0, count).join('') : text.slice(0, count);
}

export function compileFixedCell(spec: LayoutFieldSpec, type: FieldType, fileOverflow: Overflow): FixedCell {
  const width = spec.length ?? 1;
  const numeric = type === 'integer';
  const align = spec.align ?? (numeric ? 'right' : 'left');
  const padChar = spec.pad ?? (align === 'right' && numeric ? '0' : ' ');
  const overflow: Overflow = numeric ? 'error' : spec.overflow ?? fileOverflow;
  return {
    width,
    align,
    padChar,
    blank: ' '.repeat(width),
    fit: (value) => {
      const length = characterCount(value.text) + (value.negative ? 1 : 0);
      if (length <= width) return { text: value.text };
      const shown = value.negative ? `-${value.text}` : value.text;
      if (overflow === 'error') throw new PipeRefusal(`${quote(shown)} is ${length} characters, the field holds ${width}`);
      return { text: firstCharacters(value.text, width), cutFrom: length };
    },
    pad: (text, negative) => {
      const sign = negative ? '-' : '';
      const fill = padChar.repeat(width - characterCount(text) - sign.length);
      if (align === 'left') return sign + text + fill;
      return padChar === '0' ? sign + fill + text : fill + sign + text;
    },
  };
}
