/**
 * The legacy OMS over SFTP ("OMS flat files v1", docs/protocols.md): an SFTP client
 * that polls the inbox for order and change files, checks and acknowledges orders,
 * applies or refuses changes, writes status files to the outbox, optionally keeps
 * stock per SKU and DC and writes stock files, and exposes controls for malformed,
 * slow and duplicate files.
 */
import { Notifier } from '../shared/wait.js';
import { AutoProgress } from './auto-progress.js';
import { createChangeControls, NextRefusal } from './change-controls.js';
import { takeChangeFile, type ChangeIntakeOptions } from './change-intake.js';
import { createControls } from './controls.js';
import { InboxPoller } from './inbox-poller.js';
import { takeOrderFile, type OrderIntakeOptions } from './order-intake.js';
import { recordStatus } from './order-progress.js';
import { OutboxWriter } from './outbox-writer.js';
import { SftpLink } from './sftp-link.js';
import { SimLog } from './sim-log.js';
import { writeStatusFile } from './status-file.js';
import { StockBook } from '../shared/stock-book.js';
import { createStockControls } from './stock-controls.js';
import { allocateAccepted, stockForStatus } from './stock-effects.js';
import { writeStockFile, type StockFilesOptions } from './stock-files.js';
import { SftpOmsStore } from './store.js';
import type { FileRecord, OmsSftpOrder, OmsSftpSim, OmsSftpSimOptions, StockItem } from './types.js';

export * from './types.js';
export { UnknownOrderError } from '../oms-xml/unknown-order-error.js';
export { StockError } from '../shared/stock-book.js';
export { parseOrderFile, type OrderFileReading, type ParsedOrder } from './order-file-parser.js';
export { parseChangeFile, type ChangeFile, type ChangeOperation } from './change-file.js';
export { renderAckFile, renderAckRecord, ACK_RECORD_LENGTH, type AckEntry } from './ack-file.js';
export { renderStatusCsv, csvField, STATUS_CSV_HEADER, CHANGE_COLUMNS } from './status-csv.js';
export { renderStockCsv, STOCK_CSV_HEADER } from './stock-csv.js';
export { stockFileName } from './stock-files.js';
export { fingerprintOf } from './sftp-link.js';

export async function startOmsSftpSim(options: OmsSftpSimOptions): Promise<OmsSftpSim> {
  const closing = new AbortController();
  const inbox = trimSlash(options.inbox ?? '/inbox');
  const outbox = trimSlash(options.outbox ?? '/outbox');
  const doneFiles = options.doneFiles ?? false;
  const log = new SimLog(options.onLog);
  const store = new SftpOmsStore();
  const changed = new Notifier();
  const stock = options.stock ? new StockBook(options.stock) : undefined;
  const refusal = new NextRefusal();
  const link = new SftpLink(options.sftp, log, options.operationTimeoutMs ?? 10_000);
  const writer = new OutboxWriter({ link, outbox, log, retryMs: options.writeRetryMs ?? 30_000, signal: closing.signal });
  const stockFiles: StockFilesOptions = { writer, store, doneFiles };

  /** Writes a delta file in the background (a failed write is in the log). */
  function writeDelta(items: StockItem[]): void {
    if (items.length > 0) writeStockFile(stockFiles, 'delta', items).catch(() => undefined);
  }

  const controls = createControls({
    store, writer, log, changed, carrier: options.carrier ?? 'UPS', doneFiles,
    onStatus(order, request) {
      const moved = recordStatus(order, request);
      if (stock) writeDelta(stockForStatus(stock, order, request.status, moved));
    },
  });
  const progress = options.autoProgress
    ? new AutoProgress(options.autoProgress, (updates) => controls.emitStatuses(updates), log)
    : undefined;

  const intake: OrderIntakeOptions = {
    link, store, writer, log, inbox, doneFiles,
    onFile(record: FileRecord, accepted: OmsSftpOrder[]) {
      if (stock) writeDelta(allocateAccepted(stock, accepted));
      progress?.schedule(record.name, accepted.map(({ omsOrderNumber, pickup }) => ({ omsOrderNumber, pickup })));
      changed.notify();
    },
  };
  const changeIntake: ChangeIntakeOptions = {
    link, store, log, inbox, stock,
    writeStatusRows: (rows) => writeStatusFile({ store, writer, doneFiles }, rows),
    writeStockDelta: writeDelta,
    takeForcedRefusal: () => refusal.take(),
    onChange: () => changed.notify(),
  };
  const poller = new InboxPoller({
    link, store, log, inbox, intervalMs: options.pollIntervalMs ?? 200, signal: closing.signal,
    take: (name) => takeOrderFile(intake, name),
    takeChange: (name) => takeChangeFile(changeIntake, name),
    onDuplicate(name) {
      store.recordFile({ name, result: 'duplicate', orders: 0, reason: 'DUPLICATE_FILE', at: new Date().toISOString() });
      changed.notify();
    },
  });

  await checkFolders(link, [inbox, outbox]);
  poller.start();

  return {
    ...controls,
    ...createChangeControls(store, changed, refusal),
    ...createStockControls(stock, stockFiles),
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
