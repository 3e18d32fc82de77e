/**
 * The content digest of a mapping file: SHA-256 over what decides what the mapping does,
 * written as stable JSON (keys sorted). Its golden `tests` (the workbench adds them) and
 * its free-text `description` are left out, and so are indentation, key order and the
 * file's format (JSON or YAML): re-saving a file that way is not a change of the mapping.
 */
import { createHash } from 'node:crypto';
import { stableJson } from './stable-json.js';

/** Keys of a mapping file that do not change its behaviour. */
const NOT_BEHAVIOUR = new Set(['tests', 'description', '$schema']);

/** Characters of the digest that mark a version of record (`1.2.0+3fa2b1c9`). */
export const SHORT_DIGEST_LENGTH = 8;

export function mappingDigest(document: unknown): string {
  return createHash('sha256').update(stableJson(behaviourOf(document))).digest('hex');
}

export function shortDigest(digest: string): string {
  return digest.slice(0, SHORT_DIGEST_LENGTH);
}

function behaviourOf(document: unknown): unknown {
  if (typeof document !== 'object' || document === null || Array.isArray(document)) return document;
  return Object.fromEntries(Object.entries(document).filter(([key]) => !NOT_BEHAVIOUR.has(key)));
}
