/**
 * Alerts against a real hub: the OMS keeps failing, its circuit breaker opens, and a
 * webhook receiver (node:http on a free port) gets exactly one signed `firing` notice
 * for the circuit_open rule however many evaluations run while it stays open; once
 * the OMS recovers it gets exactly one `resolved`. Each delivered notice is audited
 * (actor `alerts`); the failure_rate rule sees the attempts the workers counted.
 */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeShopifyOrder } from '../../sims/storefront/index.js';
import { verifyHmacSha256 } from '../../src/sdk/signature.js';
import type { AlertPayload } from '../../src/alerts/webhook.js';
import { eventually } from '../support/hub.js';
import { getJson, startWorld, type World } from '../support/world.js';

const ALERT_SECRET = 'test-alert-secret-0123456789';
const EVALUATE_EVERY_MS = 200;

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
  payload: AlertPayload;
}

let world: World;
let receiver: Server;
const received: Received[] = [];

function startReceiver(): Promise<string> {
  receiver = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      received.push({ headers: request.headers, body, payload: JSON.parse(body) as AlertPayload });
      response.writeHead(204).end();
    });
  });
  return new Promise((resolve) => receiver.listen(0, '127.0.0.1', () => {
    resolve(`http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/hub`);
  }));
}

const notices = (alert: string, status?: string) =>
  received.filter((r) => r.payload.alert === alert && (status === undefined || r.payload.status === status));

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeAll(async () => {
  process.env.TEST_ALERT_SECRET = ALERT_SECRET;
  const url = await startReceiver();
  world = await startWorld({
    hub: {
      extra: {
        alerts: {
          evaluateEveryMs: EVALUATE_EVERY_MS,
          webhooks: [{ url, secret: { env: 'TEST_ALERT_SECRET' } }],
          rules: [
            { id: 'circuit', kind: 'circuit_open', target: 'oms-main' },
            { id: 'oms-failing', kind: 'failure_rate', target: 'oms-main', above: 0.5, minAttempts: 3 },
          ],
        },
        instances: { 'oms-main': { retry: { attempts: 50, baseDelayMs: 20, maxDelayMs: 50 }, breaker: { failureThreshold: 3, cooldownMs: 800, maxCooldownMs: 800 } } },
      },
    },
  });
});

afterAll(async () => {
  await world?.stop();
  await new Promise((r) => receiver?.close(r));
});

describe('alerts', () => {
  it('sends one signed firing notice while the breaker is open, and one resolved when it closes', async () => {
    world.oms.failNext(10_000, 503);
    for (let i = 0; i < 3; i++) await world.store.sendOrderWebhook(world.webhookUrl, makeShopifyOrder(700 + i));

    const firing = await eventually(() => notices('circuit', 'firing')[0], 15_000, 'a firing circuit alert');
    expect(firing.payload.message).toContain('oms-main');
    expect(firing.payload.facts).toMatchObject({ open: [{ target: 'oms-main' }] });
    expect(firing.headers['content-type']).toBe('application/json');
    const timestamp = String(firing.headers['x-hub-timestamp']);
    const signature = String(firing.headers['x-hub-signature-256']).replace(/^sha256=/, '');
    expect(verifyHmacSha256(ALERT_SECRET, `${timestamp}.${firing.body}`, signature, 'hex')).toBe(true);

    // Several evaluation intervals later, still only the one firing notice.
    await sleep(EVALUATE_EVERY_MS * 6);
    expect(notices('circuit', 'firing')).toHaveLength(1);
    expect(notices('circuit', 'resolved')).toHaveLength(0);
    const listed = await getJson<{ alerts: Array<{ rule: { id: string }; state: { firingSince: number } | null }> }>(`${world.hub.url}/api/alerts`);
    expect(listed.body.alerts.find((a) => a.rule.id === 'circuit')?.state?.firingSince).toBeGreaterThan(0);

    await eventually(() => notices('oms-failing', 'firing')[0], 15_000, 'a firing failure-rate alert');

    world.oms.acceptAll();
    const resolved = await eventually(() => notices('circuit', 'resolved')[0], 20_000, 'a resolved circuit alert');
    expect(resolved.payload.since).toBe(firing.payload.since);
    await sleep(EVALUATE_EVERY_MS * 4);
    expect(notices('circuit', 'firing')).toHaveLength(1);
    expect(notices('circuit', 'resolved')).toHaveLength(1);

    const audit = await world.hub.hub.runtime.audit.list(100);
    const circuitEntries = audit.filter((e) => e.actor === 'alerts' && e.subject === 'circuit').map((e) => e.action);
    expect(circuitEntries).toEqual(['alert.resolved', 'alert.firing']);
  });
});
