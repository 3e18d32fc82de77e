/**
 * The content type a channel would send a payload file with, from its extension, for
 * `hub dry-run` (`--content-type` overrides it).
 */
import { extname } from 'node:path';

const BY_EXTENSION: Record<string, string> = {
  '.json': 'application/json',
  '.xml': 'application/xml',
  '.csv': 'text/csv',
  '.txt': 'text/plain',
  '.eml': 'message/rfc822',
  '.x12': 'application/edi-x12',
  '.edi': 'application/edi-x12',
  '.pdf': 'application/pdf',
  '.png': 'image/png',
  '.tif': 'image/tiff',
  '.tiff': 'image/tiff',
};

/** The content type for the file's extension, or undefined when it has none we know. */
export function contentTypeOf(file: string): string | undefined {
  const extension = extname(file).toLowerCase();
  return Object.hasOwn(BY_EXTENSION, extension) ? BY_EXTENSION[extension] : undefined;
}
