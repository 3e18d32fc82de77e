/**
 * The project's root folder: the nearest folder above this module that holds a
 * `package.json` (the source tree, also when running from `dist/`). New connectors and
 * their imports of the SDK are placed relative to it.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export function projectRoot(from = dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${from}: run hub from the project's source tree`);
  }
}
