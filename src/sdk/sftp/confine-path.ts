/**
 * Path confinement for SFTP sessions. Every path a caller gives is normalised with POSIX
 * rules and must stay under the session's root folder; anything that climbs out (`..`),
 * lies outside it, or carries a NUL or a backslash is refused before any network call.
 * Pure: no I/O, so it can be tested on its own.
 */
import { BadInputError, PermanentError } from '../errors/index.js';

/** Characters no remote path may hold: NUL ends C strings, a backslash is a Windows separator. */
const FORBIDDEN_CHARACTERS = /[\0\\]/;

function refusePath(input: string, reason: string): BadInputError {
  return new BadInputError(`SFTP path ${JSON.stringify(input)} refused: ${reason}`, {
    code: 'PATH_OUTSIDE_ROOT',
    hint: 'use a plain POSIX path (forward slashes) under the configured root folder',
  });
}

/** Folds `.`, `..` and empty segments of `segments` onto `base`; undefined if `..` climbs above `/`. */
function resolveSegments(base: string[], segments: string[]): string[] | undefined {
  const resolved = [...base];
  for (const segment of segments) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (resolved.length === 0) return undefined;
      resolved.pop();
      continue;
    }
    resolved.push(segment);
  }
  return resolved;
}

function toAbsolute(segments: string[]): string {
  return `/${segments.join('/')}`;
}

function isUnder(root: string, path: string): boolean {
  return root === '/' || path === root || path.startsWith(`${root}/`);
}

/**
 * The root folder in canonical form (`/`, `/data/oms`). A root that is not an absolute, clean
 * path is a settings mistake: PermanentError `SFTP_SETTINGS`.
 */
export function normaliseRoot(root = '/'): string {
  const resolved = root.startsWith('/') && !FORBIDDEN_CHARACTERS.test(root)
    ? resolveSegments([], root.split('/'))
    : undefined;
  if (resolved === undefined) {
    throw new PermanentError(`SFTP root ${JSON.stringify(root)} is not an absolute POSIX path`, {
      code: 'SFTP_SETTINGS', hint: 'set root to an absolute folder such as /data/oms (default /)',
    });
  }
  return toAbsolute(resolved);
}

/**
 * `input` as an absolute, normalised path under `root` (relative paths are taken from `root`).
 * Throws BadInputError `PATH_OUTSIDE_ROOT` when it is empty, holds a NUL or a backslash,
 * climbs above `/`, or ends outside `root`.
 */
export function confinePath(root: string, input: string): string {
  const base = normaliseRoot(root);
  if (input === '') throw refusePath(input, 'the path is empty');
  if (FORBIDDEN_CHARACTERS.test(input)) throw refusePath(input, 'it contains a NUL or a backslash');
  const start = input.startsWith('/') ? [] : base.split('/').filter((segment) => segment !== '');
  const resolved = resolveSegments(start, input.split('/'));
  if (resolved === undefined) throw refusePath(input, `".." climbs out of ${base}`);
  const path = toAbsolute(resolved);
  if (!isUnder(base, path)) throw refusePath(input, `it resolves to ${path}, outside ${base}`);
  return path;
}

/**
 * A file name that must stay a single path segment (no `/`, not `.` or `..`).
 * NUL or backslash: `PATH_OUTSIDE_ROOT`; anything else that is not one segment: `BAD_FILE_NAME`.
 */
export function confineFileName(name: string): string {
  if (FORBIDDEN_CHARACTERS.test(name)) throw refusePath(name, 'it contains a NUL or a backslash');
  if (name === '' || name === '.' || name === '..' || name.includes('/')) {
    throw new BadInputError(`SFTP file name ${JSON.stringify(name)} refused: it must be one plain name, without "/"`, {
      code: 'BAD_FILE_NAME', hint: 'pass the folder and the file name separately',
    });
  }
  return name;
}
