/**
 * The floor's SFTP delivery: jobs wait in an in-memory batch; at `batch` orders (or
 * `maxWaitMs` after the first) the batch becomes one file, `O<id><order JSON>` per line,
 * uploaded with ssh2-sftp-client over a fresh connection as `.ORD_<n>.txt.part` and
 * renamed to `ORD_<n>.txt`; then all its jobs complete. Worker concurrency is twice the
 * batch, so the next batch fills while one uploads. No host key check, no ledger, no
 * trailer, no crash safety for the batch: the least that gets the orders into files.
 */
import { randomBytes } from 'node:crypto';
import SftpClient from 'ssh2-sftp-client';
import type { FloorSftpConfig } from './delivery.js';
import type { FloorDelivery, FloorJob } from './floor-delivery.js';

interface OpenBatch {
  jobs: FloorJob[];
  done: Promise<void>;
  resolve: () => void;
  reject: (error: unknown) => void;
  timer: NodeJS.Timeout;
}

async function upload(config: FloorSftpConfig, jobs: FloorJob[]): Promise<void> {
  const name = `ORD_${randomBytes(13).toString('hex')}.txt`;
  const body = Buffer.from(jobs.map((job) => `O${job.id}${JSON.stringify(job.order)}\r\n`).join(''), 'utf8');
  const client = new SftpClient();
  await client.connect({ host: config.host, port: config.port, username: config.username, privateKey: config.privateKey, readyTimeout: 10_000 });
  try {
    await client.put(body, `${config.inbox}/.${name}.part`);
    await client.rename(`${config.inbox}/.${name}.part`, `${config.inbox}/${name}`);
  } finally {
    await client.end();
  }
}

export function sftpDelivery(config: FloorSftpConfig): FloorDelivery {
  let open: OpenBatch | undefined;
  const seal = (batch: OpenBatch): void => {
    if (open === batch) open = undefined;
    clearTimeout(batch.timer);
    upload(config, batch.jobs).then(batch.resolve, batch.reject);
  };
  const start = (): OpenBatch => {
    let resolve: () => void = () => undefined;
    let reject: (error: unknown) => void = () => undefined;
    const done = new Promise<void>((ok, fail) => {
      resolve = ok;
      reject = fail;
    });
    const batch: OpenBatch = { jobs: [], done, resolve, reject, timer: setTimeout(() => seal(batch), config.maxWaitMs) };
    return batch;
  };
  return {
    concurrency: config.batch * 2,
    deliver(job) {
      open ??= start();
      const batch = open;
      batch.jobs.push(job);
      if (batch.jobs.length >= config.batch) seal(batch);
      return batch.done;
    },
  };
}
