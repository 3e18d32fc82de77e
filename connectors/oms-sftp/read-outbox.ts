/**
 * Files in from the OMS: list the outbox, take only complete files (a done file, or
 * the same size and time on two polls in a row, remembered in the poll cursor), read
 * each with the layout its name matches, in name order (so stock files in the order the
 * OMS wrote them), and turn its rows into status events or stock updates. A file that
 * cannot be read goes to quarantine with a note of the line and field that failed; the
 * others are moved to the archive only after the hub has recorded what they hold.
 */
import {
  isHubError, openSftp, type FileLayout, type PollResult, type SftpSession, type StatusEventIn, type StockUpdate,
} from '../../src/sdk/index.js';
import type { Logger } from '../../src/sdk/index.js';
import type { OmsSftpConfig } from './config.js';
import { contentsOf, type FileContents } from './file-contents.js';

interface Cursor {
  /** Files seen but not yet complete: name → "size:modifiedAt" at the last poll. */
  pending: Record<string, string>;
}

const MAX_FILES_PER_POLL = 20;

function readCursor(text: string | undefined): Cursor {
  try {
    const parsed = text ? (JSON.parse(text) as Partial<Cursor>) : {};
    return { pending: parsed.pending ?? {} };
  } catch {
    return { pending: {} };
  }
}

export async function readOutbox(config: OmsSftpConfig, layouts: FileLayout[], log: Logger, cursorText: string | undefined): Promise<PollResult> {
  const cursor = readCursor(cursorText);
  const session = await openSftp(config);
  try {
    const entries = await session.list(config.outbox);
    const names = new Set(entries.map((e) => e.name));
    const pending: Record<string, string> = {};
    const complete: string[] = [];
    for (const entry of entries.filter((e) => e.isFile && isDataFile(e.name, layouts)).sort((a, b) => byName(a.name, b.name))) {
      const signature = `${entry.size}:${entry.modifiedAt}`;
      const ready = config.expectDoneFiles ? names.has(`${entry.name}.done`) : entry.size > 0 && cursor.pending[entry.name] === signature;
      if (ready) complete.push(entry.name);
      else pending[entry.name] = signature;
    }
    const events: StatusEventIn[] = [];
    const stock: StockUpdate[] = [];
    const read: string[] = [];
    for (const name of complete.slice(0, MAX_FILES_PER_POLL)) {
      const contents = await readOne(config, session, layouts, log, name, names.has(`${name}.done`));
      if (contents) {
        events.push(...contents.events);
        stock.push(...contents.stock);
        read.push(name);
      }
    }
    return {
      events,
      stock,
      cursor: JSON.stringify({ pending } satisfies Cursor),
      more: complete.length > MAX_FILES_PER_POLL,
      ...(read.length > 0 ? { afterCommit: () => archive(config, read, names) } : {}),
    };
  } finally {
    await session.close();
  }
}

/** Plain code-unit order, the same on every machine (localeCompare is not). */
function byName(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function isDataFile(name: string, layouts: FileLayout[]): boolean {
  return !name.startsWith('.') && !name.endsWith('.done') && !name.endsWith('.part') && layouts.some((l) => l.matches(name));
}

/** What one file holds, or undefined when it went to quarantine. */
async function readOne(
  config: OmsSftpConfig, session: SftpSession, layouts: FileLayout[], log: Logger, name: string, hasDone: boolean,
): Promise<FileContents | undefined> {
  const layout = layouts.find((l) => l.matches(name))!;
  const parsed = layout.parse(await session.read(`${config.outbox}/${name}`));
  let problems = parsed.problems.map((p) => `line ${p.line}${p.record ? ` (${p.record})` : ''}${p.field ? ` field ${p.field}` : ''}: ${p.message}`);
  let contents: FileContents = { events: [], stock: [] };
  if (problems.length === 0) {
    try {
      contents = contentsOf(name, parsed.rows);
    } catch (error) {
      if (!isHubError(error)) throw error;
      problems = [error.hint ? `${error.message} (${error.hint})` : error.message];
    }
  }
  if (problems.length === 0) return contents;
  await quarantine(config, session, name, hasDone, layout.mappingId, problems);
  log.warn({ stage: 'status', file: name, problems: problems.length }, 'file quarantined');
  return undefined;
}

async function quarantine(config: OmsSftpConfig, session: SftpSession, name: string, hasDone: boolean, mappingId: string, problems: string[]) {
  const folder = `${config.outbox}/${config.quarantineFolder}`;
  await session.mkdirp(folder);
  const note = [`${name} could not be read with ${mappingId}:`, ...problems, '', 'Fix the file (or the mapping), then move it back to the outbox.', ''].join('\n');
  await session.writeAtomic(folder, `${name}.error.txt`, Buffer.from(note));
  await session.move(`${config.outbox}/${name}`, await freeName(session, folder, name));
  if (hasDone) await session.remove(`${config.outbox}/${name}.done`);
}

async function archive(config: OmsSftpConfig, files: string[], names: Set<string>): Promise<void> {
  const folder = `${config.outbox}/${config.archiveFolder}`;
  const session = await openSftp(config);
  try {
    await session.mkdirp(folder);
    for (const name of files) {
      await session.move(`${config.outbox}/${name}`, await freeName(session, folder, name));
      if (names.has(`${name}.done`)) await session.remove(`${config.outbox}/${name}.done`);
    }
  } finally {
    await session.close();
  }
}

/** `<folder>/<name>`, or with a time suffix when a file of that name is already there (a file sent twice). */
async function freeName(session: SftpSession, folder: string, name: string): Promise<string> {
  const path = `${folder}/${name}`;
  return (await session.exists(path)) ? `${path}.${Date.now()}` : path;
}
