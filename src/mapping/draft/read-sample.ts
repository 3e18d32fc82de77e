/**
 * Reads a sample payload for a draft mapping, the way the hub would hand it to an
 * inbound mapping: JSON with the hub's JSON parser (UTF-8, bounded nesting), XML with
 * the SDK's safe parser (no DOCTYPE, no entities, bounded shape) and, as the hub's XML
 * connectors do, the root element's content. Order lines are read as a list even when
 * the sample has only one (an element with a quantity, named like a line).
 */
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { isHubError } from '../../sdk/errors/index.js';
import { parseJsonBody } from '../../sdk/parse-raw.js';
import { parseXmlSafely } from '../../sdk/xml.js';
import { DataFileError } from '../read-data-file.js';
import { GROUPS, QUANTITY_NAMES } from './canonical-targets.js';
import { normaliseName } from './name-match.js';
import { isPlainObject } from './sample-nodes.js';

export type SampleFormat = 'json' | 'xml';

export interface Sample {
  readonly data: Record<string, unknown>;
  readonly format: SampleFormat;
  /** XML: the root element whose content `data` is. */
  readonly root?: string;
}

export function sampleFormatOf(file: string): SampleFormat {
  return extname(file).toLowerCase() === '.xml' ? 'xml' : 'json';
}

export async function readSample(file: string, format: SampleFormat = sampleFormatOf(file)): Promise<Sample> {
  const bytes = await readBytes(file);
  try {
    return format === 'xml' ? xmlSample(bytes, file) : jsonSample(bytes, file);
  } catch (error) {
    if (!isHubError(error)) throw error;
    throw new DataFileError(file, `not ${format === 'xml' ? 'an XML' : 'a JSON'} sample the hub can read: ${error.message}${error.hint ? ` (${error.hint})` : ''}`);
  }
}

function jsonSample(bytes: Buffer, file: string): Sample {
  const data = parseJsonBody(bytes);
  if (!isPlainObject(data)) throw new DataFileError(file, 'a sample order must be a JSON object; give one order, not a list or a value');
  return { data, format: 'json' };
}

function xmlSample(bytes: Buffer, file: string): Sample {
  const first = rootContent(parseXmlSafely(bytes), file);
  const lists = lineElements(first.content);
  if (lists.size === 0) return { data: first.content, format: 'xml', root: first.root };
  return { data: rootContent(parseXmlSafely(bytes, { arrays: [...lists] }), file).content, format: 'xml', root: first.root };
}

function rootContent(document: Record<string, unknown>, file: string): { root: string; content: Record<string, unknown> } {
  const roots = Object.keys(document).filter((name) => !name.startsWith('?'));
  const content = roots.length === 1 ? document[roots[0]!] : undefined;
  if (!isPlainObject(content)) {
    throw new DataFileError(file, `expected one root element with content, found ${roots.length === 0 ? 'none' : roots.map((r) => `<${r}>`).join(', ')}`);
  }
  return { root: roots[0]!, content };
}

const LINE_NAMES = new Set(GROUPS.find((group) => group.kind === 'list')!.names.map(normaliseName));
const QUANTITY = new Set(QUANTITY_NAMES.map(normaliseName));

/** Names of elements that are order lines (named like one, with a quantity), however many the sample has. */
function lineElements(value: unknown, found = new Set<string>()): Set<string> {
  const children = Array.isArray(value) ? value : isPlainObject(value) ? [value] : [];
  for (const child of children) {
    if (!isPlainObject(child)) continue;
    for (const [name, inner] of Object.entries(child)) {
      const elements = Array.isArray(inner) ? inner : [inner];
      if (LINE_NAMES.has(normaliseName(name)) && elements.some(hasQuantity)) found.add(name);
      lineElements(inner, found);
    }
  }
  return found;
}

function hasQuantity(element: unknown): boolean {
  return isPlainObject(element) && Object.keys(element).some((key) => QUANTITY.has(normaliseName(key)));
}

async function readBytes(file: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (error) {
    throw new DataFileError(file, `cannot read the sample: ${(error as Error).message}`, { cause: error });
  }
}
