/** Reading the log files of servers the tests start: what was written since an offset, the last lines. */
import { open, stat } from 'node:fs/promises';

/** The text appended to `file` after `offset` bytes ('' when the file is missing). */
export async function readFrom(file: string, offset: number): Promise<string> {
  try {
    const handle = await open(file, 'r');
    try {
      const { size } = await handle.stat();
      const buffer = Buffer.alloc(Math.max(0, size - offset));
      await handle.read(buffer, 0, buffer.length, offset);
      return buffer.toString('utf8');
    } finally {
      await handle.close();
    }
  } catch {
    return '';
  }
}

export async function fileSize(file: string): Promise<number> {
  try {
    return (await stat(file)).size;
  } catch {
    return 0;
  }
}

export function lastLines(text: string, lines: number): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

/** The last lines of a server's log, then of its stderr when it wrote any. */
export async function logAndStderrTail(files: { log: string; stderr: string }, lines: number): Promise<string> {
  const log = lastLines(await readFrom(files.log, 0), lines);
  const stderr = lastLines(await readFrom(files.stderr, 0), lines);
  return stderr === '' ? log : `${log}\n--- stderr ---\n${stderr}`;
}
