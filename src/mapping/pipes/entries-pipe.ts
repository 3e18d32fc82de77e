/**
 * fromEntries: a list of objects → one object, key and value read from each element
 * by pointer, e.g. repeated `<Option name="Size">M</Option>` elements (parsed as
 * `[{ "@name": "Size", "#text": "M" }]`) → `{ "Size": "M" }`. An element without a key,
 * or a key that appears twice, is refused; a missing value is the empty string (an
 * empty element).
 */
import { parsePointer, readSegments } from '../json-pointer.js';
import { quote } from '../values.js';
import { definePipe, type Pipe } from './pipe-definition.js';
import { PipeRefusal } from './pipe-errors.js';

interface EntriesArgument { key: string; value: string }

const RELATIVE_POINTER = '^(/([^~]|~[01])*)*$';

function entryKey(raw: unknown, index: number, pointer: string): string {
  if (typeof raw === 'number' && Number.isFinite(raw)) return String(raw);
  if (typeof raw === 'string' && raw.trim() !== '') return raw.trim();
  throw new PipeRefusal(`element ${index} has no key at ${pointer} (found ${quote(raw)})`);
}

export const entriesPipes: Record<string, Pipe> = {
  fromEntries: definePipe<EntriesArgument>({
    description: 'list of objects → one object, key and value read from each element by pointer; refuses a missing or repeated key',
    argument: {
      schema: {
        type: 'object', additionalProperties: false, required: ['key', 'value'],
        properties: { key: { type: 'string', pattern: RELATIVE_POINTER }, value: { type: 'string', pattern: RELATIVE_POINTER } },
      },
      required: true,
    },
    create: (argument) => {
      const keyPointer = argument?.key ?? '';
      const keySegments = parsePointer(keyPointer);
      const valueSegments = parsePointer(argument?.value ?? '');
      return (list) => {
        if (!Array.isArray(list)) throw new PipeRefusal(`${quote(list)} is not a list`);
        const entries = new Map<string, unknown>();
        list.forEach((item: unknown, index) => {
          const key = entryKey(readSegments(item, keySegments), index, keyPointer);
          if (entries.has(key)) throw new PipeRefusal(`key ${quote(key)} appears more than once`);
          const value = readSegments(item, valueSegments);
          entries.set(key, value === undefined || value === null ? '' : value);
        });
        return Object.fromEntries(entries);
      };
    },
  }),
};
