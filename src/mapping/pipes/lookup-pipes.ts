/**
 * Pipes that look things up rather than convert them:
 * - map: a value table, by name from the top-level `maps` or inline; `"*"` is the fallback;
 * - default: the argument when the value is missing, null or "";
 * - lineNumber: the 1-based position of the element inside `each` (ignores its input);
 * - pluck: from a list of objects, the value at a pointer in each (missing ones dropped).
 */
import { parsePointer, readSegments } from '../json-pointer.js';
import { isEmpty, literal, quote } from '../values.js';
import { definePipe, type Pipe, type PipeEnv } from './pipe-definition.js';
import { PipeRefusal, PipeSetupError } from './pipe-errors.js';

type MapArgument = string | Record<string, unknown>;

const FALLBACK = '*';

function resolveTable(argument: MapArgument | undefined, env: PipeEnv): { table: Readonly<Record<string, unknown>>; name: string } {
  if (argument === undefined) throw new PipeSetupError('needs a table name or an inline table');
  if (typeof argument !== 'string') return { table: argument, name: 'the inline map' };
  const table = Object.hasOwn(env.maps, argument) ? env.maps[argument] : undefined;
  if (!table) {
    const known = Object.keys(env.maps);
    throw new PipeSetupError(`no table "${argument}" in maps${known.length ? ` (known: ${known.join(', ')})` : ''}`);
  }
  return { table, name: `map ${argument}` };
}

function lookupKey(value: unknown): string {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new PipeRefusal(`${quote(value)} cannot be looked up in a map`);
}

function compileLookup(argument: MapArgument | undefined, env: PipeEnv): (value: unknown) => unknown {
  const { table, name } = resolveTable(argument, env);
  const entries = new Map(Object.entries(table).map(([key, result]) => [key, literal(result)]));
  const fallback = entries.get(FALLBACK);
  return (value) => {
    const found = entries.get(lookupKey(value)) ?? fallback;
    if (!found) throw new PipeRefusal(`${quote(value)} is not in ${name} (and it has no "*" fallback)`);
    return found();
  };
}

export const lookupPipes: Record<string, Pipe> = {
  map: definePipe<MapArgument>({
    description: 'looks the value up in a table of `maps` (by name) or an inline table; `"*"` is the fallback',
    argument: { schema: { anyOf: [{ type: 'string', minLength: 1 }, { type: 'object' }] }, required: true },
    create: compileLookup,
  }),
  default: definePipe<unknown>({
    description: 'the argument when the value is missing, null or ""',
    argument: { schema: {}, required: true },
    acceptsEmpty: true,
    create: (argument) => {
      const fallback = literal(argument);
      return (value) => (isEmpty(value) ? fallback() : value);
    },
  }),
  lineNumber: definePipe({
    description: 'the 1-based position of the element inside `each` (ignores its input)',
    acceptsEmpty: true,
    create: (_argument, env) => {
      if (!env.insideEach) throw new PipeSetupError('only means something inside an each group');
      return (_value, scope) => scope.index + 1;
    },
  }),
  pluck: definePipe<string>({
    description: 'from a list of objects, the value at a pointer in each (missing ones dropped)',
    argument: { schema: { type: 'string', pattern: '^(/([^~]|~[01])*)*$' }, required: true },
    create: (argument) => {
      const segments = parsePointer(argument ?? '');
      return (value) => {
        if (!Array.isArray(value)) throw new PipeRefusal(`${quote(value)} is not a list`);
        return value.map((item) => readSegments(item, segments)).filter((item) => item !== undefined);
      };
    },
  }),
};
