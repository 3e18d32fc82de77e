/**
 * Writes one status file, `STS_<sequence>.csv`, with the given rows: named at once (so
 * names follow the order of the calls), queued behind the other outbox files, and
 * recorded once written. A write that finally fails is in the log; the promise is
 * marked handled so that one left unawaited never becomes an unhandled rejection.
 */
import type { OutboxWriter } from './outbox-writer.js';
import { renderStatusCsv } from './status-csv.js';
import type { SftpOmsStore } from './store.js';
import type { StatusFile, StatusRow } from './types.js';

export interface StatusFileOptions {
  store: SftpOmsStore;
  writer: OutboxWriter;
  doneFiles: boolean;
}

export function writeStatusFile(options: StatusFileOptions, rows: StatusRow[]): Promise<StatusFile> {
  const file: StatusFile = { name: options.store.nextName('STS'), rows, content: renderStatusCsv(rows) };
  const written = options.writer.write(file.name, Buffer.from(file.content, 'utf8'), options.doneFiles).then(() => {
    options.store.recordStatusFile(file);
    return file;
  });
  written.catch(() => undefined);
  return written;
}
