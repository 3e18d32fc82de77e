/**
 * File layouts of an instance: each `mappings.files` entry (file-name pattern →
 * parse mapping) compiled once and handed to the connector, which reads files with
 * them without importing the mapping engine.
 */
import { loadMapping, parseWithLayout } from '../mapping/index.js';
import type { FileLayout } from '../sdk/connector.js';

export async function loadFileLayouts(files: Record<string, string>): Promise<FileLayout[]> {
  const layouts: FileLayout[] = [];
  for (const [pattern, file] of Object.entries(files)) {
    const compiled = await loadMapping(file);
    const regex = globToRegex(pattern);
    layouts.push({
      pattern,
      mappingId: compiled.id,
      matches: (fileName) => regex.test(fileName),
      parse: (bytes) => parseWithLayout(compiled, bytes),
    });
  }
  return layouts;
}

/** `ACK_*.txt` → /^ACK_.*\.txt$/ ; `?` is one character; nothing else is special. */
export function globToRegex(pattern: string): RegExp {
  const body = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]');
  return new RegExp(`^${body}$`);
}
