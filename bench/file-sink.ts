/**
 * The file sink: plays the legacy OMS of the SFTP target, run as a forked child process
 * (`file-sink.ts <local inbox dir>`). Watches the SFTP server's inbox folder on the
 * local disk (inotify, plus a rescan every 200 ms) and reads every order file as soon
 * as it appears under its final name (ORD_*.txt: uploads are renamed from a .part
 * file, so a visible file is complete). Each `O` record (the hub's fixed-width layout,
 * and the floor's one-line-per-order file alike) is one order: the 26-character order
 * id at columns 2–27. Arrivals are recorded in a ReceiptBook with the file name as the
 * idempotency key, so the orchestrator speaks to it exactly as to the HTTP sink.
 */
import { readdirSync, readFileSync, statSync, watch } from 'node:fs';
import { join } from 'node:path';
import { nowMs } from './protocol.js';
import { announceReady, ReceiptBook, serveReceipts } from './receipt-book.js';

const ORDER_FILE = /^ORD_.+\.txt$/;
const dir = process.argv[2];
if (dir === undefined) throw new Error('usage: file-sink.ts <inbox dir>');
const inbox: string = dir;
const book = new ReceiptBook();
/** name → inode:size:mtime of the version already read, so a file replaced by a re-upload is read again. */
const seen = new Map<string, string>();

function readOrderFile(name: string, at: number): void {
  let signature: string;
  let text: string;
  try {
    const stat = statSync(join(inbox, name));
    signature = `${stat.ino}:${stat.size}:${stat.mtimeMs}`;
    if (seen.get(name) === signature) return;
    text = readFileSync(join(inbox, name)).toString('latin1');
  } catch {
    return; // gone or renamed again: the next event or scan sees the new state
  }
  seen.set(name, signature);
  book.requests++;
  let orders = 0;
  for (const line of text.split(/\r?\n/)) {
    if (!line.startsWith('O')) continue;
    const id = line.slice(1, 27).trim();
    if (id === '') continue;
    book.record(id, name, at);
    orders++;
  }
  if (orders === 0) book.unidentified++;
}

function scan(): void {
  const at = nowMs();
  for (const name of readdirSync(inbox)) if (ORDER_FILE.test(name)) readOrderFile(name, at);
}

watch(inbox, (_event, name) => {
  if (name !== null && ORDER_FILE.test(name)) readOrderFile(name, nowMs());
});
setInterval(scan, 200);
scan();
serveReceipts(book);
announceReady();
