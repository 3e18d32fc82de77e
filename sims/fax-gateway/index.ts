/**
 * The fax gateway simulator: stands in for the fax server on both sides of the hub.
 * Inbound, `deliverFax` drops a received fax into the hub's inbox folder the way a fax
 * server does (written under a temp name, then renamed). Outbound, it watches the drop
 * folder the hub puts confirmations in and "sends" each file once per name (the name is
 * the notice's identity), keeping what it sent for a test to read back or the demo to show.
 */
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface SentFax {
  /** The number dialled: the digits before the first `_` of the file name. */
  to: string;
  file: string;
  bytes: Buffer;
  sentAt: string;
}

export interface FaxGateway {
  sent(): SentFax[];
  /** Files dropped again under a name already sent (not sent twice). */
  repeats(): string[];
  waitFor(predicate: (fax: SentFax) => boolean, timeoutMs?: number, what?: string): Promise<SentFax>;
  close(): Promise<void>;
}

export interface FaxGatewayOptions {
  /** The folder the hub drops confirmations in. */
  outbox: string;
  pollMs?: number;
  onSent?: (fax: SentFax) => void;
}

export async function startFaxGateway(options: FaxGatewayOptions): Promise<FaxGateway> {
  await mkdir(join(options.outbox, 'sent'), { recursive: true });
  const sent: SentFax[] = [];
  const repeats: string[] = [];
  const names = new Set<string>();
  let stopped = false;
  const sweep = async () => {
    for (const name of (await readdir(options.outbox, { withFileTypes: true })).filter((e) => e.isFile() && !e.name.startsWith('.')).map((e) => e.name)) {
      const bytes = await readFile(join(options.outbox, name));
      await rename(join(options.outbox, name), join(options.outbox, 'sent', name));
      if (names.has(name)) {
        repeats.push(name);
        continue;
      }
      names.add(name);
      const fax = { to: name.split('_')[0] ?? '', file: name, bytes, sentAt: new Date().toISOString() };
      sent.push(fax);
      options.onSent?.(fax);
    }
  };
  const loop = (async () => {
    while (!stopped) {
      await sweep().catch(() => undefined);
      await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 200));
    }
  })();
  return {
    sent: () => [...sent],
    repeats: () => [...repeats],
    async waitFor(predicate, timeoutMs = 15_000, what = 'a fax') {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        const found = sent.find(predicate);
        if (found) return found;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; sent: ${sent.map((f) => f.file).join(', ') || 'nothing'}`);
    },
    async close() {
      stopped = true;
      await loop;
    },
  };
}

/** Drops a received fax into the hub's inbox as a fax server does: a temp name, then a rename. */
export async function deliverFax(inbox: string, name: string, bytes: Buffer): Promise<void> {
  await mkdir(inbox, { recursive: true });
  const temp = join(inbox, `.${name}.part`);
  await writeFile(temp, bytes);
  await rename(temp, join(inbox, name));
}
