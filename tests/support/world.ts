/**
 * The outside world for an integration test: a real Redis, the OMS and storefront
 * simulators, and a hub wired to them, all on free loopback ports.
 */
import { startOmsSim, type OmsSim, type OmsSimOptions } from '../../sims/oms-xml/index.js';
import { startStorefrontSim, type StorefrontSim } from '../../sims/storefront/index.js';
import { API_TOKEN, CALLBACK_SECRET, authHeaders, OMS_CALLBACK_SECRET, WEBHOOK_SECRET, startTestHub, type TestHub, type TestHubOptions } from './hub.js';
import { freePort } from './ports.js';
import { startRedis, type TestRedis } from './redis.js';

export interface World {
  redis: TestRedis;
  oms: OmsSim;
  store: StorefrontSim;
  hub: TestHub;
  /** `${hub.url}/in/web-shop`, where the storefront posts order webhooks. */
  webhookUrl: string;
  stop(): Promise<void>;
}

export interface WorldOptions {
  oms?: Partial<OmsSimOptions>;
  hub?: Partial<TestHubOptions>;
  /** Configure the web instance to poll the storefront's order API too. */
  pullFromStore?: boolean;
}

/** How often a start is tried again when the hub's port was taken between choosing and binding it. */
const PORT_ATTEMPTS = 3;

export async function startWorld(options: WorldOptions = {}): Promise<World> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startWorldOnce(options);
    } catch (error) {
      // The hub's port is chosen before the OMS simulator (which must know where to call
      // back) and bound later; another test file may bind it in between.
      if (attempt >= PORT_ATTEMPTS || (error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    }
  }
}

async function startWorldOnce(options: WorldOptions): Promise<World> {
  const redis = await startRedis();
  const hubPort = await freePort();
  const oms = await startOmsSim({
    callbackUrl: `http://127.0.0.1:${hubPort}/in/oms-main/status`,
    callbackSecret: OMS_CALLBACK_SECRET,
    callbackRetry: { attempts: 10, baseDelayMs: 100 },
    ...options.oms,
  });
  const store = await startStorefrontSim({ webhookSecret: WEBHOOK_SECRET, callbackSecret: CALLBACK_SECRET, apiToken: API_TOKEN });
  let hub: TestHub;
  try {
    hub = await startTestHub({
      redisUrl: redis.url, omsUrl: oms.url, storefrontCallbackUrl: store.callbackUrl,
      ...(options.pullFromStore ? { storefrontPullUrl: store.url } : {}),
      ...options.hub,
      extra: { http: { host: '127.0.0.1', port: hubPort }, ...options.hub?.extra },
    });
  } catch (error) {
    await Promise.allSettled([oms.close(), store.close()]);
    await redis.stop();
    throw error;
  }
  return {
    redis, oms, store, hub,
    webhookUrl: `${hub.url}/in/web-shop`,
    async stop() {
      await hub.stop().catch(() => undefined);
      await Promise.allSettled([oms.close(), store.close()]);
      await redis.stop();
    },
  };
}

/** GET with the test hub's admin token (probes and inbound routes ignore it). */
export async function getJson<T = Record<string, unknown>>(url: string): Promise<{ status: number; body: T }> {
  const response = await fetch(url, { headers: authHeaders() });
  return { status: response.status, body: (await response.json()) as T };
}
