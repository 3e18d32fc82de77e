/**
 * The outside world for the SFTP target: a real Redis, a real OpenSSH server (reached
 * through a TCP fault proxy, so tests can slow or cut the link), the OMS flat-file
 * simulator, the storefront simulator, and a hub whose web orders go to the SFTP OMS.
 */
import { join, resolve } from 'node:path';
import { startOmsSftpSim, type OmsSftpSim, type OmsSftpSimOptions } from '../../sims/oms-sftp/index.js';
import { startOmsSim } from '../../sims/oms-xml/index.js';
import { startStorefrontSim, type StorefrontSim } from '../../sims/storefront/index.js';
import { API_TOKEN, CALLBACK_SECRET, WEBHOOK_SECRET, startTestHub, type TestHub } from './hub.js';
import { startRedis, type TestRedis } from './redis.js';
import { startSshd, type TestSshd } from './sshd.js';
import { startFaultProxy, type FaultProxy } from './fault-proxy.js';

export interface SftpWorld {
  redis: TestRedis;
  sshd: TestSshd;
  proxy: FaultProxy;
  oms: OmsSftpSim;
  store: StorefrontSim;
  hub: TestHub;
  webhookUrl: string;
  stop(): Promise<void>;
}

export interface SftpWorldOptions {
  batch?: { maxOrders: number; maxWaitMs: number };
  expectDoneFiles?: boolean;
  writeDoneFiles?: boolean;
  pollIntervalMs?: number;
  oms?: Partial<OmsSftpSimOptions>;
  /** Deep overrides of the oms-files instance. */
  instance?: Record<string, unknown>;
  /** Also run the XML/HTTP OMS simulator as target `oms-main`, fed by the `woo-shop` instance. */
  withXmlOms?: boolean;
  /** The private key the hub logs in with (default: the client key sshd authorizes). */
  hubPrivateKey?: string;
}

export async function startSftpWorld(options: SftpWorldOptions = {}): Promise<SftpWorld> {
  const redis = await startRedis();
  const sshd = await startSshd();
  const proxy = await startFaultProxy(sshd.port);
  const oms = await startOmsSftpSim({
    sftp: { host: sshd.host, port: sshd.port, username: sshd.username, privateKey: sshd.privateKey },
    inbox: sshd.paths.inbox, outbox: sshd.paths.outbox, pollIntervalMs: 100, ...options.oms,
  });
  const xmlOms = options.withXmlOms ? await startOmsSim({}) : undefined;
  const store = await startStorefrontSim({ webhookSecret: WEBHOOK_SECRET, callbackSecret: CALLBACK_SECRET, apiToken: API_TOKEN });
  process.env.TEST_OMS_SFTP_KEY = options.hubPrivateKey ?? sshd.privateKey;
  const hub = await startTestHub({
    redisUrl: redis.url, omsUrl: xmlOms?.url ?? 'http://127.0.0.1:9', storefrontCallbackUrl: store.callbackUrl,
    extra: {
      routing: { default: 'oms-files' },
      instances: {
        ...(xmlOms ? { 'woo-shop': { route: 'oms-main' } } : {}),
        'oms-files': {
          ...omsFilesInstance(sshd, proxy.port, {
            batch: options.batch ?? { maxOrders: 10, maxWaitMs: 300 },
            expectDoneFiles: options.expectDoneFiles ?? false,
            writeDoneFiles: options.writeDoneFiles ?? false,
            pollIntervalMs: options.pollIntervalMs ?? 200,
          }),
          retry: { attempts: 30, baseDelayMs: 100, maxDelayMs: 500 },
          breaker: { failureThreshold: 1000, cooldownMs: 100, maxCooldownMs: 100 },
          ...options.instance,
        },
      },
    },
  });
  return {
    redis, sshd, proxy, oms, store, hub,
    webhookUrl: `${hub.url}/in/web-shop`,
    async stop() {
      await hub.stop().catch(() => undefined);
      await Promise.allSettled([oms.close(), store.close(), proxy.close(), xmlOms?.close()]);
      await sshd.stop();
      await redis.stop();
    },
  };
}

/**
 * The `oms-files` instance (connector oms-sftp) for a test sshd reached on `port` (the
 * server's own, or a fault proxy's): its key from TEST_OMS_SFTP_KEY, the flat-file
 * layouts of mappings/, and `settings` over the defaults.
 */
export function omsFilesInstance(sshd: TestSshd, port: number, settings: Record<string, unknown> = {}): Record<string, unknown> {
  const mappings = resolve('mappings');
  return {
    connector: 'oms-sftp',
    settings: {
      host: '127.0.0.1', port, username: sshd.username, privateKey: { env: 'TEST_OMS_SFTP_KEY' },
      hostKeyFingerprint: sshd.hostKeyFingerprint, timeoutMs: 3000,
      inbox: sshd.paths.inbox, outbox: sshd.paths.outbox,
      ...settings,
    },
    mappings: {
      outbound: join(mappings, 'canonical-to-oms-fixed.json'),
      files: { 'ACK_*.txt': join(mappings, 'oms-ack-fixed.json'), 'STS_*.csv': join(mappings, 'oms-status-csv.json') },
    },
  };
}
