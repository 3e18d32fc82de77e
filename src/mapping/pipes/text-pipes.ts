/**
 * Text pipes: string, trim, lower, upper, padStart, padEnd, substring, replace, split, join.
 * They accept strings, numbers and booleans (as their text) and refuse objects.
 * Lengths and positions (padStart, padEnd, substring) count characters (code points), as
 * layout widths do, so an emoji is never cut in half into a lone surrogate.
 */
import { quote } from '../values.js';
import { definePipe, type Pipe } from './pipe-definition.js';
import { PipeRefusal, PipeSetupError } from './pipe-errors.js';

/** The text of a scalar; refuses objects, arrays and integers that lost precision in JSON parsing. */
export function toText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') {
    if (Number.isInteger(value) && !Number.isSafeInteger(value)) {
      throw new PipeRefusal(`${value} is too large to be exact (more than 2^53); the input must carry it as text`);
    }
    return String(value);
  }
  if (typeof value === 'boolean') return String(value);
  throw new PipeRefusal(`${quote(value)} is not text`);
}

interface PadArgument { length: number; char?: string }
interface SubstringArgument { start: number; length?: number }
interface ReplaceArgument { pattern: string; with?: string; flags?: string }

const padSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['length'],
  properties: { length: { type: 'integer', minimum: 0, maximum: 10000 }, char: { type: 'string', minLength: 1, maxLength: 1 } },
};

const SURROGATE = /[\uD800-\uDFFF]/;

/** The text as characters (code points); a surrogate pair is one character. */
function characters(text: string): string[] {
  return [...text];
}

function characterCount(text: string): number {
  return SURROGATE.test(text) ? characters(text).length : text.length;
}

function pad(where: 'start' | 'end', description: string): Pipe {
  return definePipe<PadArgument>({
    description,
    argument: { schema: padSchema, required: true },
    create: (argument) => {
      const length = argument?.length ?? 0;
      const char = argument?.char ?? ' ';
      // String.prototype.padStart counts UTF-16 units and cuts a two-unit pad character in half.
      const filler = (text: string) => char.repeat(Math.max(0, length - characterCount(text)));
      return where === 'start'
        ? (value) => {
          const text = toText(value);
          return filler(text) + text;
        }
        : (value) => {
          const text = toText(value);
          return text + filler(text);
        };
    },
  });
}

function compileRegExp(argument: ReplaceArgument): RegExp {
  try {
    return new RegExp(argument.pattern, argument.flags ?? 'g');
  } catch (error) {
    throw new PipeSetupError(`bad pattern: ${(error as Error).message}`);
  }
}

export const textPipes: Record<string, Pipe> = {
  string: definePipe({ description: 'the value as text (numbers and booleans as written); refuses objects and integers beyond 2^53', create: () => toText }),
  trim: definePipe({ description: 'text without leading and trailing white space', create: () => (value) => toText(value).trim() }),
  lower: definePipe({ description: 'text in lower case', create: () => (value) => toText(value).toLowerCase() }),
  upper: definePipe({ description: 'text in upper case', create: () => (value) => toText(value).toUpperCase() }),
  padStart: pad('start', 'text padded at the start to `length` characters (code points) with `char` (default a space)'),
  padEnd: pad('end', 'text padded at the end to `length` characters (code points) with `char` (default a space)'),
  substring: definePipe<SubstringArgument>({
    description: 'part of the text: `length` characters (code points) from `start`, or to the end',
    argument: {
      required: true,
      schema: {
        type: 'object',
        additionalProperties: false,
        required: ['start'],
        properties: { start: { type: 'integer', minimum: 0 }, length: { type: 'integer', minimum: 0 } },
      },
    },
    create: (argument) => {
      const start = argument?.start ?? 0;
      const end = argument?.length === undefined ? undefined : start + argument.length;
      return (value) => {
        const text = toText(value);
        return SURROGATE.test(text) ? characters(text).slice(start, end).join('') : text.slice(start, end);
      };
    },
  }),
  replace: definePipe<ReplaceArgument>({
    description: 'regular-expression replace of `pattern` by `with` (default ""), flags default `g`',
    argument: {
      required: true,
      schema: {
        type: 'object',
        additionalProperties: false,
        required: ['pattern'],
        properties: {
          pattern: { type: 'string', minLength: 1 },
          with: { type: 'string' },
          flags: { type: 'string', pattern: '^[gimsuy]*$' },
        },
      },
    },
    create: (argument) => {
      if (!argument) throw new PipeSetupError('needs an argument');
      const pattern = compileRegExp(argument);
      const replacement = argument.with ?? '';
      return (value) => {
        // A sticky (y) pattern without g starts at, and moves, lastIndex: one compiled pattern
        // is shared by every apply, so each must start at 0 or the results alternate.
        pattern.lastIndex = 0;
        return toText(value).replace(pattern, replacement);
      };
    },
  }),
  split: definePipe<string>({
    description: 'text → list, split at the separator (default ","); parts trimmed, empty parts dropped',
    argument: { schema: { type: 'string', minLength: 1 } },
    create: (argument) => {
      const separator = argument ?? ',';
      return (value) => toText(value).split(separator).map((part) => part.trim()).filter((part) => part !== '');
    },
  }),
  join: definePipe<string>({
    description: 'list → text, joined with the separator (default a space); empty items dropped',
    argument: { schema: { type: 'string' } },
    create: (argument) => {
      const separator = argument ?? ' ';
      return (value) => {
        if (!Array.isArray(value)) throw new PipeRefusal(`${quote(value)} is not a list`);
        return value.filter((item) => item !== undefined && item !== null && item !== '').map(toText).join(separator);
      };
    },
  }),
};
