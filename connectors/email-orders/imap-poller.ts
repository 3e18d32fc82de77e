/**
 * Reading the order mailbox over IMAP. Each poll round logs in, reads the messages
 * after the cursor (`<UIDVALIDITY>:<last UID>`, so a mailbox rebuilt by the server is
 * read again from the start and the dedup ledger absorbs the repeats), and hands each to
 * the hub as an order or a filed item. Only once the hub has recorded them all (and
 * saved the cursor) does `afterCommit` move the mail to the processed or filed mailbox,
 * or flag it `$HubCaptured`: a crash in between leaves the mail in place to be read again.
 *
 * `watch` keeps a second connection in IDLE on the mailbox and wakes the hub when mail
 * arrives, so an e-mailed order is captured within seconds; the poll interval is the
 * safety net (and the only way when the server has no IDLE).
 */
import type { ImapFlow } from 'imapflow';
import type { ChangeAskIn, EnvelopeIn, FiledItem, Logger, Poller, PollResult } from '../../src/sdk/index.js';
import type { ImapSettings } from './config.js';
import { classifyImapError, connectImap, ensureMailbox, imapClient } from './imap-client.js';
import { tooLargeItem, type MailOutcome } from './intake-message.js';

export const CAPTURED_KEYWORD = '$HubCaptured';

export interface ImapPollerOptions {
  settings: ImapSettings;
  instanceId: string;
  maxMessageBytes: number;
  log: Logger;
  intake(bytes: Buffer, meta: Record<string, string>): Promise<MailOutcome>;
}

interface Cursor {
  uidValidity: string;
  lastUid: number;
}

export function imapPoller(options: ImapPollerOptions): Poller {
  const { settings } = options;
  return {
    intervalMs: settings.pollIntervalMs,
    run: (cursor) => pollOnce(options, parseCursor(cursor)),
    ...(settings.idle ? { watch: (wake: () => void) => watchMailbox(options, wake) } : {}),
  };
}

async function pollOnce(options: ImapPollerOptions, cursor: Cursor | undefined): Promise<PollResult> {
  const { settings, instanceId } = options;
  const client = imapClient(settings);
  await connectImap(client, settings, instanceId);
  try {
    const lock = await client.getMailboxLock(settings.mailbox);
    try {
      const mailbox = client.mailbox;
      const uidValidity = mailbox ? String(mailbox.uidValidity) : '0';
      const after = cursor && cursor.uidValidity === uidValidity ? cursor.lastUid : 0;
      const uids = await newUids(client, settings.afterCapture, after);
      const batch = uids.slice(0, settings.batchSize);
      const orders: EnvelopeIn[] = [];
      const filed: FiledItem[] = [];
      const changes: ChangeAskIn[] = [];
      const moves = { processed: [] as number[], filed: [] as number[] };
      for (const uid of batch) {
        const outcome = await readMessage(client, options, uid, uidValidity);
        if (!outcome) continue;
        if (outcome.kind === 'order') orders.push(outcome.envelope);
        else if (outcome.kind === 'change') changes.push(outcome.ask);
        else filed.push(outcome.item);
        moves[outcome.kind === 'filed' ? 'filed' : 'processed'].push(uid);
      }
      const last = batch.at(-1);
      return {
        orders, filed, changes,
        cursor: `${uidValidity}:${last ?? after}`,
        more: uids.length > batch.length,
        afterCommit: () => settle(options, moves),
      };
    } finally {
      lock.release();
    }
  } catch (error) {
    throw classifyImapError(error, settings, instanceId);
  } finally {
    await client.logout().catch(() => client.close());
  }
}

/** UIDs after `after`, ascending; in flag mode only those not yet flagged captured. */
async function newUids(client: ImapFlow, afterCapture: ImapSettings['afterCapture'], after: number): Promise<number[]> {
  const query = { uid: `${after + 1}:*`, ...(afterCapture === 'flag' ? { unKeyword: CAPTURED_KEYWORD } : {}) };
  const found = (await client.search(query, { uid: true })) || [];
  // `N:*` always includes the highest UID, even when it is below N.
  return found.filter((uid) => uid > after).sort((a, b) => a - b);
}

async function readMessage(client: ImapFlow, options: ImapPollerOptions, uid: number, uidValidity: string): Promise<MailOutcome | undefined> {
  const meta = { mailbox: options.settings.mailbox, uid: String(uid), uidValidity };
  const head = await client.fetchOne(String(uid), { uid: true, size: true }, { uid: true });
  if (!head) return undefined; // expunged meanwhile
  if ((head.size ?? 0) > options.maxMessageBytes) {
    const headers = await client.fetchOne(String(uid), { headers: true }, { uid: true });
    return { kind: 'filed', item: tooLargeItem(headers ? headers.headers ?? Buffer.alloc(0) : Buffer.alloc(0), head.size ?? 0, options.maxMessageBytes, { via: 'imap', ...meta }) };
  }
  const message = await client.fetchOne(String(uid), { uid: true, source: true }, { uid: true });
  if (!message || !message.source) return undefined;
  return options.intake(message.source, meta);
}

/** After the hub recorded everything: move (or flag) what was read. */
async function settle(options: ImapPollerOptions, moves: { processed: number[]; filed: number[] }): Promise<void> {
  const { settings, instanceId } = options;
  if (moves.processed.length === 0 && moves.filed.length === 0) return;
  const client = imapClient(settings);
  await connectImap(client, settings, instanceId);
  try {
    if (settings.afterCapture === 'move') {
      await ensureMailbox(client, settings.processedMailbox);
      await ensureMailbox(client, settings.filedMailbox);
    }
    const lock = await client.getMailboxLock(settings.mailbox);
    try {
      for (const [uids, destination] of [[moves.processed, settings.processedMailbox], [moves.filed, settings.filedMailbox]] as const) {
        if (uids.length === 0) continue;
        const range = uids.join(',');
        if (settings.afterCapture === 'move') await client.messageMove(range, destination, { uid: true });
        else await client.messageFlagsAdd(range, [CAPTURED_KEYWORD, '\\Seen'], { uid: true });
      }
    } finally {
      lock.release();
    }
  } catch (error) {
    // Everything is recorded and the cursor saved: the mail is only left where it was.
    options.log.warn({ connector: instanceId, err: error }, 'captured mail could not be moved or flagged on the IMAP server; it stays in the mailbox');
  } finally {
    await client.logout().catch(() => client.close());
  }
}

/** IDLE on the mailbox; reconnects after a drop until stopped. */
async function watchMailbox(options: ImapPollerOptions, wake: () => void): Promise<() => Promise<void>> {
  const { settings, instanceId, log } = options;
  let stopped = false;
  let client: ImapFlow | undefined;
  let retry: NodeJS.Timeout | undefined;
  let delayMs = 1_000;
  const start = async (): Promise<void> => {
    if (stopped) return;
    const current = imapClient(settings, { idle: true });
    client = current;
    current.on('exists', () => wake());
    current.on('close', () => {
      if (stopped) return;
      retry = setTimeout(() => void start(), delayMs);
      delayMs = Math.min(delayMs * 2, 5 * 60_000);
    });
    try {
      await current.connect();
      await current.mailboxOpen(settings.mailbox);
      delayMs = 1_000;
      wake(); // mail that arrived while not watching
    } catch (error) {
      log.warn({ connector: instanceId, err: classifyImapError(error, settings, instanceId) }, 'IMAP IDLE watch could not start; retrying');
      current.close();
    }
  };
  await start();
  return async () => {
    stopped = true;
    clearTimeout(retry);
    await client?.logout().catch(() => client?.close());
  };
}

function parseCursor(cursor: string | undefined): Cursor | undefined {
  const match = cursor ? /^(\d+):(\d+)$/.exec(cursor) : null;
  return match ? { uidValidity: match[1]!, lastUid: Number(match[2]) } : undefined;
}
