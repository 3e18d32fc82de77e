/**
 * Searches everything a chaos run left behind (the hub's logs, and Redis's append-only
 * file, which holds every order, timeline entry and dead letter ever written) for the
 * secrets the hub was configured with. Any hit is a leak.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface SecretHit {
  file: string;
  /** Which configured secret (by position, never the secret itself). */
  secret: number;
}

export function scanForSecrets(roots: string[], secrets: string[]): { files: number; hits: SecretHit[] } {
  const hits: SecretHit[] = [];
  let files = 0;
  for (const file of roots.flatMap(listFiles)) {
    files += 1;
    const text = readFileSync(file).toString('latin1');
    secrets.forEach((secret, index) => {
      if (secret.length > 0 && text.includes(secret)) hits.push({ file, secret: index });
    });
  }
  return { files, hits };
}

function listFiles(root: string): string[] {
  try {
    if (!statSync(root).isDirectory()) return [root];
  } catch {
    return [];
  }
  return readdirSync(root).flatMap((name) => listFiles(join(root, name)));
}
