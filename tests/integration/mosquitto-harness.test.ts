/**
 * The Mosquitto test harness (tests/support/mosquitto.ts) against real MQTT clients (mqtt.js):
 * a QoS 1 message published while a persistent-session subscriber (clean: false, fixed client
 * id) is away reaches it when it comes back, also across a clean broker restart and across a
 * SIGKILL once the broker's autosave has written the message; and stop() leaves no process,
 * port or file behind.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import net from 'node:net';
import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMosquitto, type TestMosquitto } from '../support/mosquitto.js';

const TOPIC = 'kiosks/store-1/kiosk-1/status';
const SUBSCRIBER_ID = 'harness-subscriber';

/** Whether something accepts TCP connections on 127.0.0.1:port. */
function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

describe('mosquitto test harness', () => {
  let broker: TestMosquitto;
  const clients: MqttClient[] = [];

  /** A connected client; messages that arrive before the caller looks are kept in `received`. */
  async function connect(options: IClientOptions): Promise<{ client: MqttClient; received: string[]; sessionPresent: boolean }> {
    const client = mqtt.connect(broker.url, { reconnectPeriod: 0, connectTimeout: 5_000, ...options });
    clients.push(client);
    const received: string[] = [];
    // Queued messages arrive right after CONNACK: listen before the connection is up.
    client.on('message', (_topic, payload) => received.push(payload.toString('utf8')));
    client.on('error', () => undefined);
    const connack = await withTimeout(
      new Promise<mqtt.IConnackPacket>((resolve, reject) => {
        client.once('connect', resolve);
        client.once('error', reject);
      }),
      5_000,
      `${options.clientId ?? 'client'} to connect`,
    );
    return { client, received, sessionPresent: connack.sessionPresent };
  }

  /** The persistent-session subscriber: clean: false with its fixed client id. */
  const subscriber = (): ReturnType<typeof connect> => connect({ clientId: SUBSCRIBER_ID, clean: false });

  async function until(predicate: () => boolean, what: string, ms = 5_000): Promise<void> {
    const deadline = Date.now() + ms;
    while (!predicate()) {
      if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}\n${await broker.logTail()}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** Publishes at QoS 1 from a fresh client and resolves once the broker acknowledged (PUBACK). */
  async function publishWhileAway(payload: string): Promise<void> {
    const { client } = await connect({ clientId: `harness-publisher-${Date.now()}`, clean: true });
    await client.publishAsync(TOPIC, payload, { qos: 1 });
    await client.endAsync();
  }

  beforeAll(async () => {
    broker = await startMosquitto();
  });

  afterAll(async () => {
    for (const client of clients) client.end(true);
    await broker?.stop();
  });

  it('starts on a free loopback port with its own dir, config and log', async () => {
    expect(broker.url).toBe(`mqtt://127.0.0.1:${broker.port}`);
    expect(broker.port).not.toBe(1883);
    expect(broker.pid).toBeGreaterThan(0);
    const config = await readFile(`${broker.dir}/mosquitto.conf`, 'utf8');
    expect(config).toContain(`listener ${broker.port} 127.0.0.1`);
    expect(config).toContain(`persistence_location ${broker.dir}/`);
    expect(config).toContain('max_queued_messages 10000');
    expect(await broker.logTail()).toMatch(/mosquitto version 2\.\d+\.\d+ running/);
  });

  it('delivers a QoS 1 message published while the persistent subscriber was offline', async () => {
    const first = await subscriber();
    expect(first.sessionPresent).toBe(false);
    await first.client.subscribeAsync(TOPIC, { qos: 1 });
    await first.client.endAsync();

    await publishWhileAway('while-away-1');

    const back = await subscriber();
    expect(back.sessionPresent).toBe(true);
    await until(() => back.received.includes('while-away-1'), 'the queued message');
    expect(back.received).toEqual(['while-away-1']);
    await back.client.endAsync();
  });

  it('keeps the session and its queued message across a clean broker restart', async () => {
    await publishWhileAway('across-restart');
    const pidBefore = broker.pid;
    await broker.restart();
    expect(broker.pid).not.toBe(pidBefore);

    const back = await subscriber();
    expect(back.sessionPresent).toBe(true);
    await until(() => back.received.includes('across-restart'), 'the message queued before the restart');
    expect(back.received).toEqual(['across-restart']);
    await back.client.endAsync();
  });

  it('keeps what the autosave wrote across a SIGKILL', async () => {
    await publishWhileAway('across-kill');
    // The database holds the payload verbatim once the autosave (every second) ran.
    await until(() => existsSync(broker.dbFile), 'the persistence database');
    const deadline = Date.now() + 5_000;
    while (!(await readFile(broker.dbFile)).includes('across-kill')) {
      if (Date.now() > deadline) throw new Error(`the message never reached ${broker.dbFile}\n${await broker.logTail()}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await broker.kill();
    expect(broker.pid).toBeUndefined();
    expect(await accepts(broker.port)).toBe(false);
    await broker.restart();

    const back = await subscriber();
    expect(back.sessionPresent).toBe(true);
    await until(() => back.received.includes('across-kill'), 'the message queued before the SIGKILL');
    expect(back.received).toEqual(['across-kill']);
    await back.client.endAsync();
  });

  it('stop() leaves no process, port or directory behind', async () => {
    const other = await startMosquitto();
    const { port, dir } = other;
    const pid = other.pid!;
    await other.stop();
    await other.stop();
    expect(existsSync(dir)).toBe(false);
    expect(await accepts(port)).toBe(false);
    expect(() => process.kill(pid, 0)).toThrow();
  });
});
