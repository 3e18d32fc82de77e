/**
 * A workbench sample as text → the plain data a mapping takes: XML when it starts with
 * `<` (see ./xml-sample.ts), JSON otherwise (with the hub's own bounds on nesting). A
 * sample that cannot be read says why, as the intake would.
 */
import type { FieldsSpec } from '../mapping/index.js';
import { isHubError } from '../sdk/errors/index.js';
import { parseJsonBody } from '../sdk/parse-raw.js';
import { readXmlSample } from './xml-sample.js';

export type SampleKind = 'json' | 'xml';

export type ReadSample =
  | { ok: true; kind: SampleKind; data: unknown }
  | { ok: false; kind: SampleKind; problem: string };

export function sampleKind(text: string): SampleKind {
  return text.trimStart().startsWith('<') ? 'xml' : 'json';
}

/** `fields`: the mapping file's fields, which say which XML elements are lists. */
export function readSample(text: string, fields: FieldsSpec): ReadSample {
  const kind = sampleKind(text);
  try {
    return { ok: true, kind, data: kind === 'xml' ? readXmlSample(text, fields) : parseJsonBody(text) };
  } catch (error) {
    if (!isHubError(error) || error.kind !== 'bad_input') throw error;
    return { ok: false, kind, problem: `The sample cannot be read as ${kind.toUpperCase()}: ${error.message}` };
  }
}
