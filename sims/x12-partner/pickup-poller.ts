/**
 * Reads the hub's documents from the pickup folder: every `intervalMs`, and whenever a
 * test asks (`collectNow`), one pass at a time. Each file is read, handed on, then moved
 * to `read/`; a file whose move failed is not handed on twice. A failed pass (server
 * gone, folder refused) is logged, never thrown from the loop: the next pass retries.
 */
import { sleep } from '../shared/wait.js';
import { messageOf, type PartnerLog } from './partner-log.js';
import type { MailboxFile, SftpMailbox } from './sftp-mailbox.js';

export interface PickupPollerOptions {
  mailbox: SftpMailbox;
  log: PartnerLog;
  intervalMs: number;
  /** Takes one file's text (records it, queues its 997s). */
  onFile(name: string, text: string): void;
}

export class PickupPoller {
  readonly #options: PickupPollerOptions;
  readonly #stop = new AbortController();
  /** Files already handed on, by name, size and time, while they still wait to be moved. */
  readonly #handed = new Set<string>();
  #pass: Promise<void> = Promise.resolve();
  #loop: Promise<void> | undefined;
  #lastFailure: string | undefined;

  constructor(options: PickupPollerOptions) {
    this.#options = options;
  }

  start(): void {
    this.#loop ??= this.#run();
  }

  /** One pass now (after the one running, if any); rejects when it fails. */
  collectNow(): Promise<void> {
    const pass = this.#pass.then(() => this.#collect());
    this.#pass = pass.catch(() => undefined);
    return pass;
  }

  async stop(): Promise<void> {
    this.#stop.abort();
    await this.#loop;
    await this.#pass;
  }

  async #run(): Promise<void> {
    while (!this.#stop.signal.aborted) {
      await this.collectNow().then(() => {
        this.#lastFailure = undefined;
      }, (error: unknown) => this.#failed(error));
      await sleep(this.#options.intervalMs, this.#stop.signal);
    }
  }

  #failed(error: unknown): void {
    const message = messageOf(error);
    if (message !== this.#lastFailure && !this.#stop.signal.aborted) this.#options.log.record('pollFailed', `${message} (retrying)`);
    this.#lastFailure = message;
  }

  async #collect(): Promise<void> {
    const { mailbox } = this.#options;
    for (const file of await mailbox.pickupFiles()) {
      if (this.#stop.signal.aborted) return;
      const key = keyOf(file);
      if (!this.#handed.has(key)) {
        this.#options.onFile(file.name, await mailbox.readPickup(file.name));
        this.#handed.add(key);
      }
      await mailbox.archivePickup(file.name);
      this.#handed.delete(key);
    }
  }
}

function keyOf(file: MailboxFile): string {
  return `${file.name}\u0000${file.size}\u0000${file.modifyTime}`;
}
