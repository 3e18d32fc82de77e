/**
 * Writes files into the outbox the way the legacy OMS does: in place (no temporary
 * name, no rename), then an empty `<name>.done` when done files are on. Whole-file
 * writes are queued so files appear in call order; a write that fails (server gone)
 * is retried with a short backoff, reconnecting, for up to `retryMs`.
 */
import { sleep } from '../shared/wait.js';
import type SftpClient from 'ssh2-sftp-client';
import { messageOf, type SimLog } from './sim-log.js';
import type { SftpLink } from './sftp-link.js';

export interface OutboxWriterOptions {
  link: SftpLink;
  outbox: string;
  log: SimLog;
  retryMs: number;
  signal: AbortSignal;
}

export class OutboxWriter {
  readonly #options: OutboxWriterOptions;
  #queue: Promise<void> = Promise.resolve();

  constructor(options: OutboxWriterOptions) {
    this.#options = options;
  }

  /** Queues a whole-file write; resolves once the file (and its done file) is written. */
  write(name: string, content: Buffer, done: boolean): Promise<void> {
    const job = this.#queue.then(() => this.#writeNow(name, content, done));
    this.#queue = job.catch(() => undefined);
    return job;
  }

  /** Creates the file with the first chunk and appends the others, pausing in between. */
  async writeSlowly(name: string, content: Buffer, chunks: number, delayMs: number, done: boolean): Promise<void> {
    const path = this.#path(name);
    const parts = splitInto(content, chunks);
    for (const [index, part] of parts.entries()) {
      if (index > 0) await sleep(delayMs, this.#options.signal);
      await this.#retrying(name, (client) => (index === 0 ? client.put(part, path) : client.append(part, path)));
    }
    if (done) await this.#writeDone(name);
    this.#options.log.record('fileWritten', { file: name, detail: `${content.length} bytes in ${parts.length} writes` });
  }

  /** Resolves when the queued writes are done, or after `timeoutMs`. */
  async drain(timeoutMs: number): Promise<void> {
    const timer = new AbortController();
    await Promise.race([this.#queue, sleep(timeoutMs, timer.signal)]);
    timer.abort();
  }

  async #writeNow(name: string, content: Buffer, done: boolean): Promise<void> {
    await this.#retrying(name, (client) => client.put(content, this.#path(name)));
    if (done) await this.#writeDone(name);
    this.#options.log.record('fileWritten', { file: name, detail: `${content.length} bytes` });
  }

  async #writeDone(name: string): Promise<void> {
    await this.#retrying(`${name}.done`, (client) => client.put(Buffer.alloc(0), this.#path(`${name}.done`)));
  }

  async #retrying(name: string, op: (client: SftpClient) => Promise<string>): Promise<void> {
    const { link, log, retryMs, signal } = this.#options;
    const deadline = Date.now() + retryMs;
    for (let delay = 100; ; delay = Math.min(delay * 2, 2000)) {
      try {
        await link.run(`write ${name}`, op);
        return;
      } catch (error) {
        const giveUp = signal.aborted || Date.now() + delay > deadline;
        log.record('writeFailed', { file: name, detail: `${messageOf(error)}${giveUp ? '' : ' (retrying)'}` });
        if (giveUp) throw error;
        await sleep(delay, signal);
      }
    }
  }

  #path(name: string): string {
    return `${this.#options.outbox}/${name}`;
  }
}

/** `count` consecutive pieces of nearly equal size (fewer when the content is shorter; at least one). */
export function splitInto(content: Buffer, count: number): Buffer[] {
  const pieces = Math.max(1, Math.min(Math.floor(count), content.length));
  const bound = (index: number): number => Math.round((index * content.length) / pieces);
  return Array.from({ length: pieces }, (_, index) => content.subarray(bound(index), bound(index + 1)));
}
