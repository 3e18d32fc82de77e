/**
 * The legacy OMS over SFTP ("OMS flat files v1", docs/protocols.md): an SFTP client
 * that polls the inbox for order files, checks and acknowledges them, writes status
 * files to the outbox, and exposes controls for malformed, slow and duplicate files.
 */
import { Notifier } from '../shared/wait.js';
import { AutoProgress } from './auto-progress.js';
import { createControls } from './controls.js';
import { InboxPoller } from './inbox-poller.js';
import { takeOrderFile, type OrderIntakeOptions } from './order-intake.js';
import { OutboxWriter } from './outbox-writer.js';
import { SftpLink } from './sftp-link.js';
import { SimLog } from './sim-log.js';
import { SftpOmsStore } from './store.js';
import type { FileRecord, OmsSftpOrder, OmsSftpSim, OmsSftpSimOptions } from './types.js';

export * from './types.js';
export { UnknownOrderError } from '../oms-xml/unknown-order-error.js';
export { parseOrderFile, type OrderFileReading, type ParsedOrder } from './order-file-parser.js';
export { renderAckFile, renderAckRecord, ACK_RECORD_LENGTH, type AckEntry } from './ack-file.js';
export { renderStatusCsv, csvField, STATUS_CSV_HEADER } from './status-csv.js';
export { fingerprintOf } from './sftp-link.js';

export async function startOmsSftpSim(options: OmsSftpSimOptions): Promise<OmsSftpSim> {
  const closing = new AbortController();
  const inbox = trimSlash(options.inbox ?? '/inbox');
  const outbox = trimSlash(options.outbox ?? '/outbox');
  const doneFiles = options.doneFiles ?? false;
  const log = new SimLog(options.onLog);
  const store = new SftpOmsStore();
  const changed = new Notifier();
  const link = new SftpLink(options.sftp, log, options.operationTimeoutMs ?? 10_000);
  const writer = new OutboxWriter({ link, outbox, log, retryMs: options.writeRetryMs ?? 30_000, signal: closing.signal });
  const controls = createControls({ store, writer, log, changed, carrier: options.carrier ?? 'UPS', doneFiles });
  const progress = options.autoProgress
    ? new AutoProgress(options.autoProgress, (refs, status) => controls.emitStatuses(refs.map((ref) => ({ ref, status }))), log)
    : undefined;

  const intake: OrderIntakeOptions = {
    link, store, writer, log, inbox, doneFiles,
    onFile(record: FileRecord, accepted: OmsSftpOrder[]) {
      progress?.schedule(record.name, accepted.map((order) => order.omsOrderNumber));
      changed.notify();
    },
  };
  const poller = new InboxPoller({
    link, store, log, inbox, intervalMs: options.pollIntervalMs ?? 200, signal: closing.signal,
    take: (name) => takeOrderFile(intake, name),
    onDuplicate(name) {
      store.recordFile({ name, result: 'duplicate', orders: 0, reason: 'DUPLICATE_FILE', at: new Date().toISOString() });
      changed.notify();
    },
  });

  await checkFolders(link, [inbox, outbox]);
  poller.start();

  return {
    ...controls,
    pause: () => poller.pause(),
    resume: () => poller.resume(),
    async close() {
      progress?.stop();
      poller.pause();
      await writer.drain(2000);
      closing.abort();
      await poller.stopped();
      await link.close();
    },
  };
}

/** Connects once up front, so a wrong address, key or folder fails the start. */
async function checkFolders(link: SftpLink, folders: string[]): Promise<void> {
  try {
    await link.run('check folders', async (client) => {
      for (const folder of folders) if (!(await client.exists(folder))) throw new Error(`no folder ${folder} on the SFTP server`);
    });
  } catch (error) {
    await link.close();
    throw error;
  }
}

function trimSlash(path: string): string {
  return path.length > 1 ? path.replace(/\/+$/, '') : path;
}
