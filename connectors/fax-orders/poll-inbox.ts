/**
 * The fax inbox: files the fax server drops (TIFF, PDF, PNG, JPEG), each one fax. A file
 * is taken once it has settled (unchanged for `settleMs`, or unchanged since the last
 * poll), captured with the hash of its bytes as dedup key (the same fax dropped twice is
 * one order), and moved to the processed folder only after the hub has recorded it.
 * Anything else in the folder is filed with the reason and moved aside.
 */
import { createHash } from 'node:crypto';
import type { EnvelopeIn, FiledItem, Logger, PollResult } from '../../src/sdk/index.js';
import type { FaxOrdersConfig } from './config.js';
import { openDropFolder, type DropEntry } from './drop-folder.js';

const TYPES: Array<[RegExp, string]> = [
  [/\.tiff?$/i, 'image/tiff'], [/\.pdf$/i, 'application/pdf'], [/\.png$/i, 'image/png'], [/\.jpe?g$/i, 'image/jpeg'],
];

interface Cursor {
  /** Files not yet settled: name → "size:modifiedAt" at the last poll. */
  pending: Record<string, string>;
}

export async function pollInbox(config: FaxOrdersConfig, log: Logger, cursorText: string | undefined): Promise<PollResult> {
  const cursor = readCursor(cursorText);
  const inbox = await openDropFolder(config.inbox);
  try {
    const now = Date.now();
    const pending: Record<string, string> = {};
    const settled: DropEntry[] = [];
    for (const entry of await inbox.list()) {
      const signature = `${entry.size}:${entry.modifiedAt}`;
      if (cursor.pending[entry.name] === signature || now - entry.modifiedAt >= config.settleMs) settled.push(entry);
      else pending[entry.name] = signature;
    }
    const batch = settled.slice(0, config.batchSize);
    const orders: EnvelopeIn[] = [];
    const filed: FiledItem[] = [];
    const moves: Array<[string, string]> = [];
    for (const entry of batch) {
      const bytes = await inbox.read(entry.name);
      const digest = createHash('sha256').update(bytes).digest('hex');
      const contentType = TYPES.find(([pattern]) => pattern.test(entry.name))?.[1];
      const meta = { file: entry.name, folder: inbox.describe(), bytes: String(bytes.length), reference: `fax-${digest.slice(0, 16)}` };
      if (!contentType) {
        filed.push({ dedupKey: `fax-file:${digest}`, kind: 'not-a-fax', reason: `${entry.name} is not a fax image (TIFF, PDF, PNG or JPEG): look at it and key the order if it is one`, contentType: 'application/octet-stream', body: bytes, meta });
        moves.push([entry.name, 'filed']);
        continue;
      }
      orders.push({ dedupKey: `fax:${digest}`, externalId: `fax-${digest.slice(0, 16)}`, contentType, body: bytes, meta });
      moves.push([entry.name, config.processedFolder]);
    }
    return {
      orders, filed,
      cursor: JSON.stringify({ pending } satisfies Cursor),
      more: settled.length > batch.length,
      afterCommit: () => settle(config, moves, log),
    };
  } finally {
    await inbox.close();
  }
}

async function settle(config: FaxOrdersConfig, moves: Array<[string, string]>, log: Logger): Promise<void> {
  if (moves.length === 0) return;
  const inbox = await openDropFolder(config.inbox);
  try {
    for (const [name, folder] of moves) {
      // A file already moved by a concurrent poll is fine: it was recorded once.
      await inbox.moveTo(name, folder).catch((error: unknown) => log.warn({ err: error, file: name }, 'captured fax could not be moved; it is read again and recognised as a duplicate'));
    }
  } finally {
    await inbox.close();
  }
}

function readCursor(text: string | undefined): Cursor {
  try {
    return { pending: (text ? (JSON.parse(text) as Partial<Cursor>).pending : undefined) ?? {} };
  } catch {
    return { pending: {} };
  }
}
