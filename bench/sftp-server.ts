/**
 * The SFTP side of the benchmark: a real OpenSSH server (tests/support/sshd.ts) playing
 * the flat-file OMS's server, the hub's `oms-sftp` instance pointing at it (batches of
 * N orders, key authentication, pinned host key, production poll interval) and the
 * floor's equivalent settings. Nothing reads the files but the file sink.
 */
import { join, resolve } from 'node:path';
import { startSshd, type TestSshd } from '../tests/support/sshd.js';
import type { Delivery } from './delivery.js';

const KEY_ENV = 'BENCH_OMS_SFTP_KEY';

export interface BenchSftp {
  sshd: TestSshd;
  /** The inbox folder on the local disk (what the file sink watches). */
  inboxDir: string;
  delivery(batch: number, maxWaitMs: number): Delivery;
  stop(): Promise<void>;
}

export async function startBenchSftp(): Promise<BenchSftp> {
  const sshd = await startSshd();
  // Hub processes inherit the environment; the configuration names the variable.
  process.env[KEY_ENV] = sshd.privateKey;
  const mappings = resolve('mappings');
  return {
    sshd,
    inboxDir: sshd.localPath(sshd.paths.inbox),
    delivery: (batch, maxWaitMs) => ({
      kind: 'sftp',
      hubInstance: {
        connector: 'oms-sftp',
        settings: {
          host: sshd.host, port: sshd.port, username: sshd.username, privateKey: { env: KEY_ENV },
          hostKeyFingerprint: sshd.hostKeyFingerprint,
          inbox: sshd.paths.inbox, outbox: sshd.paths.outbox,
          batch: { maxOrders: batch, maxWaitMs },
          pollIntervalMs: 15_000,
        },
        mappings: {
          outbound: join(mappings, 'canonical-to-oms-fixed.json'),
          files: { 'ACK_*.txt': join(mappings, 'oms-ack-fixed.json'), 'STS_*.csv': join(mappings, 'oms-status-csv.json') },
        },
      },
      floor: {
        host: sshd.host, port: sshd.port, username: sshd.username, privateKey: sshd.privateKey,
        inbox: sshd.paths.inbox, batch, maxWaitMs,
      },
    }),
    stop: () => sshd.stop(),
  };
}
