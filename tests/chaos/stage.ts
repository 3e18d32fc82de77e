/**
 * The stage of one chaos scenario: a real Redis (durable, as in production), the OMS
 * and storefront simulators, and the hub as two real processes (`hub api`, `hub worker`).
 * The hub reaches Redis and the OMS through fault proxies, so a scenario can add latency,
 * blackhole the link or reset it mid-answer; processes take real signals.
 * With `target: 'oms-sftp'` the orders go instead as batched flat files over SFTP to a
 * real OpenSSH server (through a third fault proxy) and the flat-file OMS simulator.
 * Every scenario gets a fresh stage: nothing one fault leaves behind meets the next.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Credentials } from '../../src/auth/credentials.js';
import { startOmsSftpSim, type OmsSftpSim } from '../../sims/oms-sftp/index.js';
import { startOmsSim, type OmsSim, type OmsSimOptions } from '../../sims/oms-xml/index.js';
import { startStorefrontSim, type StorefrontSim } from '../../sims/storefront/index.js';
import { startFaultProxy, type FaultProxy } from '../support/fault-proxy.js';
import { API_TOKEN, CALLBACK_SECRET, OMS_CALLBACK_SECRET, WEBHOOK_SECRET, mergedLayers, writeTestConfig } from '../support/hub.js';
import { freePort } from '../support/ports.js';
import { startRedis, type TestRedis } from '../support/redis.js';
import { omsFilesInstance } from '../support/sftp-world.js';
import { startSshd, type TestSshd } from '../support/sshd.js';
import { hubProcess, type HubProcess } from './hub-process.js';

export interface StageOptions {
  /** Redis `maxmemory` (e.g. `24mb`), for the out-of-memory scenario. */
  redisMaxmemory?: string;
  oms?: Partial<OmsSimOptions>;
  /** Deep overrides of the hub configuration. */
  config?: Record<string, unknown>;
  /** Where orders go; default the XML/HTTP OMS. */
  target?: 'oms-xml' | 'oms-sftp';
}

export interface SftpTarget {
  sshd: TestSshd;
  /** Between the hub and sshd. */
  proxy: FaultProxy;
  sim: OmsSftpSim;
}

/** What the checker reads of the OMS that takes the orders: the orders in its books. */
export interface OmsBooks {
  orders(): Array<{ hubOrderId: string }>;
}

export interface Stage {
  redis: TestRedis;
  /** Between the hub processes and Redis. */
  redisProxy: FaultProxy;
  oms: OmsSim;
  /** Between the hub's deliveries and the OMS. */
  omsProxy: FaultProxy;
  /** Set when the orders go over SFTP. */
  sftp?: SftpTarget;
  /** The books of the OMS the orders go to (XML or flat files). */
  books: OmsBooks;
  store: StorefrontSim;
  api: HubProcess;
  worker: HubProcess;
  hubUrl: string;
  webhookUrl: string;
  /** An admin token of this hub, for the checker's reads. */
  apiToken: string;
  prefix: string;
  logDir: string;
  /** Every secret the hub was configured with: none may appear in a log or in Redis. */
  secrets: string[];
  stop(): Promise<void>;
}

/** Retries long enough to outlive every fault of the suite; the breaker holds a dead OMS without using attempts. */
const CHAOS_CONFIG = {
  retry: { attempts: 25, baseDelayMs: 200, maxDelayMs: 3000 },
  workers: { lockDurationMs: 4000, stalledIntervalMs: 2000 },
  instances: { 'oms-main': { breaker: { failureThreshold: 5, cooldownMs: 500, maxCooldownMs: 4000 } } },
};

export async function startStage(options: StageOptions = {}): Promise<Stage> {
  const redis = await startRedis(options.redisMaxmemory ? { maxmemory: options.redisMaxmemory } : {});
  const redisProxy = await startFaultProxy(redis.port);
  const apiPort = await freePort();
  const workerPort = await freePort();
  const oms = await startOmsSim({
    callbackUrl: `http://127.0.0.1:${apiPort}/in/oms-main/status`,
    callbackSecret: OMS_CALLBACK_SECRET,
    callbackRetry: { attempts: 200, baseDelayMs: 100, maxDelayMs: 2000, timeoutMs: 3000 },
    autoProgress: { acknowledgeAfterMs: 100 },
    // A second order for a hub order under a new idempotency key is created, not refused,
    // so a duplicate effect shows up in the OMS's books where the checker counts them.
    duplicateHubOrderId: 'accept',
    ...options.oms,
  });
  const omsProxy = await startFaultProxy(Number(new URL(oms.url).port));
  const store = await startStorefrontSim({ webhookSecret: WEBHOOK_SECRET, callbackSecret: CALLBACK_SECRET, apiToken: API_TOKEN });
  const sftp = options.target === 'oms-sftp' ? await startSftpTarget() : undefined;
  const { file, prefix } = writeTestConfig({
    redisUrl: `redis://127.0.0.1:${redisProxy.port}`,
    omsUrl: `http://127.0.0.1:${omsProxy.port}`,
    storefrontCallbackUrl: store.callbackUrl,
    extra: mergedLayers(CHAOS_CONFIG, { http: { host: '127.0.0.1', port: apiPort } }, sftp ? sftpConfig(sftp) : {}, options.config ?? {}),
  });
  const logDir = mkdtempSync(join(tmpdir(), 'hub-chaos-'));
  const env = { ...process.env, LOG_LEVEL: 'info' };
  const api = hubProcess({ role: 'api', configFile: file, port: apiPort, logFile: join(logDir, 'api.log'), env });
  const worker = hubProcess({ role: 'worker', configFile: file, port: workerPort, logFile: join(logDir, 'worker.log'), env });
  await Promise.all([api.start(), worker.start()]);
  const admin = redis.client();
  const apiToken = await new Credentials(admin, prefix).createToken('chaos-checker', 'admin');
  await admin.quit();
  const hubUrl = `http://127.0.0.1:${apiPort}`;
  return {
    redis, redisProxy, oms, omsProxy, store, api, worker, hubUrl, apiToken, prefix, logDir,
    ...(sftp ? { sftp } : {}), books: sftp?.sim ?? oms,
    webhookUrl: `${hubUrl}/in/web-shop`,
    secrets: [WEBHOOK_SECRET, CALLBACK_SECRET, OMS_CALLBACK_SECRET, API_TOKEN, apiToken, ...(sftp ? [privateKeyBody(sftp.sshd.privateKey)] : [])],
    async stop() {
      await Promise.allSettled([api.stop(), worker.stop()]);
      await Promise.allSettled([oms.close(), store.close(), redisProxy.close(), omsProxy.close(), sftp?.sim.close(), sftp?.proxy.close()]);
      await Promise.allSettled([redis.stop(), sftp?.sshd.stop()]);
    },
  };
}

async function startSftpTarget(): Promise<SftpTarget> {
  const sshd = await startSshd();
  const proxy = await startFaultProxy(sshd.port);
  const sim = await startOmsSftpSim({
    sftp: { host: sshd.host, port: sshd.port, username: sshd.username, privateKey: sshd.privateKey },
    inbox: sshd.paths.inbox, outbox: sshd.paths.outbox, pollIntervalMs: 100,
  });
  process.env.TEST_OMS_SFTP_KEY = sshd.privateKey;
  return { sshd, proxy, sim };
}

/** The flat-file OMS as the default route, reached through the proxy. */
function sftpConfig({ sshd, proxy }: SftpTarget): Record<string, unknown> {
  return {
    routing: { default: 'oms-files' },
    instances: {
      'oms-files': {
        ...omsFilesInstance(sshd, proxy.port, { batch: { maxOrders: 25, maxWaitMs: 300 }, pollIntervalMs: 200 }),
        breaker: { failureThreshold: 5, cooldownMs: 500, maxCooldownMs: 4000 },
      },
    },
  };
}

/** The key's base64 body: what would leak if the key were ever logged, however it was wrapped. */
function privateKeyBody(pem: string): string {
  return pem.split('\n').filter((line) => line.length > 0 && !line.startsWith('-----')).join('').slice(0, 64);
}
