/**
 * The legacy OMS over SFTP, end to end against a real OpenSSH server: 250 orders in
 * one batch file with the right trailer, acknowledged and shipped back; the link cut
 * and sshd killed in the middle of an upload; a changed host key; and the inbound
 * files: incomplete, malformed, and read twice.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeShopifyOrder, makeWooOrder, sendOrderWebhook } from '../../sims/storefront/index.js';
import { WEBHOOK_SECRET, eventually, authHeaders } from '../support/hub.js';
import { startSftpWorld, type SftpWorld } from '../support/sftp-world.js';
import { getJson } from '../support/world.js';

interface View { state: string; status: { receipts: Array<{ externalRef: string }> }; timeline: Array<{ stage: string; summary: string }> }

async function view(world: SftpWorld, id: string): Promise<View> {
  return (await getJson<View>(`${world.hub.url}/api/orders/${id}`)).body;
}

async function placeOrders(world: SftpWorld, from: number, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let start = 0; start < count; start += 25) {
    const answers = await Promise.all(Array.from({ length: Math.min(25, count - start) }, (_, i) =>
      world.store.sendOrderWebhook(world.webhookUrl, makeShopifyOrder(from + start + i))));
    for (const answer of answers) {
      expect(answer.status).toBe(202);
      ids.push((answer.body as { hubOrderId: string }).hubOrderId);
    }
  }
  return ids;
}

async function allInState(world: SftpWorld, ids: string[], state: string, timeoutMs = 30_000): Promise<void> {
  await eventually(async () => {
    const views = await Promise.all(ids.map((id) => view(world, id)));
    return views.every((v) => v.state === state) ? true : undefined;
  }, timeoutMs, `${ids.length} order(s) to be ${state}`);
}

describe('orders out as one batch file, acknowledgements and status back', () => {
  let world: SftpWorld;
  beforeAll(async () => {
    world = await startSftpWorld({ batch: { maxOrders: 250, maxWaitMs: 60_000 } });
  }, 60_000);
  afterAll(async () => world?.stop());

  it('sends 250 orders in one file whose trailer adds up, and applies the ack and shipment files', { timeout: 120_000 }, async () => {
    const ids = await placeOrders(world, 1000, 250);
    await allInState(world, ids, 'acknowledged', 60_000);
    const files = world.oms.files();
    expect(files).toHaveLength(1);
    expect(files[0]).toMatchObject({ result: 'accepted', orders: 250 });
    const omsOrders = world.oms.orders();
    expect(new Set(omsOrders.map((o) => o.hubOrderId))).toEqual(new Set(ids));

    const fileName = files[0]!.name;
    const local = world.sshd.localPath(`${world.sshd.paths.inbox}/processed/${fileName}`);
    const text = readFileSync(local).toString('latin1');
    const records = text.split('\r\n').filter((r) => r.length > 0);
    expect(records.every((r) => r.length === 200)).toBe(true);
    const trailer = records.at(-1)!;
    const details = records.filter((r) => r.startsWith('D'));
    expect(trailer.slice(0, 1)).toBe('T');
    expect(Number(trailer.slice(1, 9))).toBe(250);
    expect(Number(trailer.slice(9, 17))).toBe(details.length);
    expect(Number(trailer.slice(17, 29))).toBe(details.reduce((sum, d) => sum + Number(d.slice(51, 58)), 0));

    const first = await view(world, ids[0]!);
    expect(first.status.receipts[0]!.externalRef).toBe(fileName);

    world.oms.emitStatuses(omsOrders.map((o) => ({ ref: o.omsOrderNumber, status: 'SHIPPED' as const })));
    await allInState(world, ids, 'shipped', 60_000);
    const callback = await world.store.waitForCallback((c) => c.body.hubOrderId === ids[0] && c.body.state === 'shipped', 15_000);
    expect(callback.body.shipments?.[0]?.trackingNumber).toBeTruthy();
    const archive = world.sshd.localPath(`${world.sshd.paths.outbox}/archive`);
    const archived = await eventually(() => {
      const names = readdirSync(archive);
      return names.some((n) => n.startsWith('STS_')) ? names : undefined;
    }, 10_000, 'the status file archived');
    expect(archived.some((n) => n.startsWith('ACK_'))).toBe(true);
    expect(readdirSync(world.sshd.localPath(world.sshd.paths.outbox)).filter((n) => /^(ACK|STS)_/.test(n))).toEqual([]);
  });
});

describe('the link fails in the middle of an upload', () => {
  let world: SftpWorld;
  beforeAll(async () => {
    world = await startSftpWorld({ batch: { maxOrders: 60, maxWaitMs: 60_000 } });
  }, 60_000);
  afterAll(async () => world?.stop());

  it('shows no partial file, and delivers the batch once after sshd comes back', { timeout: 120_000 }, async () => {
    world.oms.pause();
    world.proxy.throttle(4_000);
    const ids = await placeOrders(world, 2000, 60);
    const inbox = world.sshd.localPath(world.sshd.paths.inbox);
    await eventually(() => (readdirSync(inbox).some((n) => n.endsWith('.part')) ? true : undefined), 30_000, 'an upload in progress');
    world.proxy.cutAll();
    await world.sshd.kill('SIGKILL');
    await world.sshd.killConnections().catch(() => undefined);
    expect(readdirSync(inbox).filter((n) => n.startsWith('ORD_') && n.endsWith('.txt'))).toEqual([]);
    world.proxy.throttle(undefined);
    await new Promise((r) => setTimeout(r, 500));
    expect((await view(world, ids[0]!)).state).toBe('accepted');

    await world.sshd.restart();
    world.oms.resume();
    await allInState(world, ids, 'acknowledged', 60_000);
    expect(world.oms.files().filter((f) => f.result === 'accepted')).toHaveLength(1);
    expect(world.oms.orders()).toHaveLength(60);
  });
});

describe('a crash between the upload and the ledger', () => {
  let world: SftpWorld;
  beforeAll(async () => {
    world = await startSftpWorld({ batch: { maxOrders: 5, maxWaitMs: 60_000 } });
  }, 60_000);
  afterAll(async () => world?.stop());

  it('uploads the same bytes under the same name again, and the orders stay delivered once', { timeout: 60_000 }, async () => {
    const ids = await placeOrders(world, 5000, 5);
    await allInState(world, ids, 'acknowledged');
    const [file] = world.oms.files();
    const batchId = /^ORD_(.+)\.txt$/.exec(file!.name)![1]!;
    const redis = world.redis.client();
    const ledgerKey = `${world.hub.prefix}:batch:oms-files:${batchId}`;
    const before = await redis.hgetall(ledgerKey);
    expect(before).toMatchObject({ state: 'uploaded', fileName: file!.name, count: '5' });

    // As if the worker died after the rename but before writing the ledger: the upload job runs again.
    await redis.hset(ledgerKey, 'state', 'sealed');
    await redis.hdel(ledgerKey, 'fileName', 'checksum', 'uploadedAt');
    const response = await fetch(`${world.hub.url}/api/targets/oms-files/batches/${batchId}/upload`, { method: 'POST', headers: authHeaders() });
    expect(response.status).toBe(202);
    await world.oms.waitForFiles(2, 15_000);
    expect(world.oms.files().map((f) => f.result)).toEqual(['accepted', 'duplicate']);
    const after = await eventually(async () => {
      const hash = await redis.hgetall(ledgerKey);
      return hash.state === 'uploaded' ? hash : undefined;
    }, 15_000, 'the ledger written again');
    expect(after.fileName).toBe(before.fileName);
    expect(after.checksum).toBe(before.checksum);
    const { body } = await getJson<{ batches: Array<{ batchId: string; fileName: string; orders: string[]; checksum: string }> }>(
      `${world.hub.url}/api/targets/oms-files/batches`);
    expect(body.batches).toEqual([expect.objectContaining({ batchId, fileName: file!.name, checksum: before.checksum })]);
    expect([...body.batches[0]!.orders].sort()).toEqual([...ids].sort());
    expect(world.oms.orders()).toHaveLength(5);
    for (const id of ids) {
      const timeline = (await view(world, id)).timeline.filter((e) => e.stage === 'deliver' && e.summary.startsWith('delivered'));
      expect(timeline).toHaveLength(1);
      expect((await view(world, id)).state).toBe('acknowledged');
    }
  });
});

describe('orders a file layout cannot hold', () => {
  let world: SftpWorld;
  beforeAll(async () => {
    world = await startSftpWorld({ batch: { maxOrders: 3, maxWaitMs: 60_000 } });
  }, 60_000);
  afterAll(async () => world?.stop());

  it('transliterates text ISO-8859-1 cannot hold, and dead-letters alone an order it cannot write', { timeout: 60_000 }, async () => {
    const polish = makeShopifyOrder(7001);
    polish.shipping_address = { ...polish.shipping_address, name: 'Łukasz Wąsowski' };
    polish.line_items = polish.line_items.map((line) => ({ ...line, title: `${line.title} – gift` }));
    const tooLongSku = makeShopifyOrder(7002);
    tooLongSku.line_items = tooLongSku.line_items.map((line, i) => (i === 0 ? { ...line, sku: 'X'.repeat(60) } : line));
    const send = async (order: ReturnType<typeof makeShopifyOrder>): Promise<string> => {
      const answer = await world.store.sendOrderWebhook(world.webhookUrl, order);
      expect(answer.status).toBe(202);
      return (answer.body as { hubOrderId: string }).hubOrderId;
    };
    const bad = await send(tooLongSku);
    const good = [await send(polish), await send(makeShopifyOrder(7003)), await send(makeShopifyOrder(7004))];

    await allInState(world, good, 'acknowledged', 30_000);
    const files = world.oms.files();
    expect(files).toEqual([expect.objectContaining({ result: 'accepted', orders: 3 })]);
    const text = readFileSync(world.sshd.localPath(`${world.sshd.paths.inbox}/processed/${files[0]!.name}`)).toString('latin1');
    expect(text).toContain('Lukasz Wasowski');
    expect(text).toContain(' - gift');
    const timeline = (await view(world, good[0]!)).timeline.map((e) => e.summary);
    expect(timeline).toContainEqual(expect.stringMatching(/^file ORD_.*: \d+ warning\(s\)$/));

    const { body } = await getJson<{ deadLetters: Array<{ orderId: string; errorCode: string; message: string; hint: string }> }>(`${world.hub.url}/api/dead-letters`);
    expect(body.deadLetters).toEqual([expect.objectContaining({ orderId: bad, errorCode: 'OUTBOUND_MAPPING' })]);
    expect(body.deadLetters[0]!.message).toMatch(new RegExp(`order ${bad} cannot be written to oms-files's file .*field sku`));
    expect(body.deadLetters[0]!.hint).toMatch(/rest of the batch goes on/);
    expect((await view(world, bad)).state).toBe('accepted');
  });
});

describe('a dead SFTP server and another target', () => {
  let world: SftpWorld;
  beforeAll(async () => {
    world = await startSftpWorld({
      batch: { maxOrders: 2, maxWaitMs: 200 }, withXmlOms: true,
      instance: { breaker: { failureThreshold: 2, cooldownMs: 500, maxCooldownMs: 1000 } },
    });
  }, 60_000);
  afterAll(async () => world?.stop());

  it('holds only its own orders: the XML target keeps delivering, and the SFTP orders follow once it is back', { timeout: 90_000 }, async () => {
    await world.sshd.kill('SIGKILL');
    const toFiles = await placeOrders(world, 6000, 2);
    const toXml: string[] = [];
    for (let i = 0; i < 3; i++) {
      const sent = await sendOrderWebhook(`${world.hub.url}/in/woo-shop`, makeWooOrder(6100 + i), { style: 'woocommerce', secret: WEBHOOK_SECRET });
      expect(sent.status).toBe(202);
      toXml.push((sent.body as { hubOrderId: string }).hubOrderId);
    }
    await allInState(world, toXml, 'sent', 15_000);
    const targets = await eventually(async () => {
      const { body } = await getJson<{ targets: Array<{ instance: string; role: string; breaker: { state: string; lastError?: string } }> }>(`${world.hub.url}/api/targets`);
      const files = body.targets.find((t) => t.instance === 'oms-files');
      return files?.breaker.state === 'open' ? body.targets : undefined;
    }, 20_000, 'the SFTP breaker to open');
    expect(targets.find((t) => t.instance === 'oms-files')!.breaker.lastError).toMatch(/connect|ECONNREFUSED|SFTP/i);
    expect(targets.find((t) => t.instance === 'oms-main' && t.role === 'deliver')!.breaker.state).toBe('closed');
    for (const id of toFiles) expect((await view(world, id)).state).toBe('accepted');

    await world.sshd.restart();
    await allInState(world, toFiles, 'acknowledged', 30_000);
    expect(world.oms.orders()).toHaveLength(2);
  });
});

describe('a changed host key', () => {
  let world: SftpWorld;
  beforeAll(async () => {
    world = await startSftpWorld({ batch: { maxOrders: 1, maxWaitMs: 100 } });
  }, 60_000);
  afterAll(async () => world?.stop());

  it('is refused: nothing is uploaded and the dead letter says what to check', { timeout: 60_000 }, async () => {
    await world.sshd.rotateHostKey();
    const [id] = await placeOrders(world, 3000, 1);
    const letter = await eventually(async () => {
      const { body } = await getJson<{ deadLetters: Array<{ orderId: string; message: string; hint: string; errorCode: string }> }>(`${world.hub.url}/api/dead-letters`);
      return body.deadLetters[0];
    }, 30_000, 'a dead letter');
    expect(letter.errorCode).toBe('HOST_KEY_MISMATCH');
    expect(letter.message).toContain('SHA256:');
    expect(letter.hint).toMatch(/host key/);
    expect(readdirSync(world.sshd.localPath(world.sshd.paths.inbox)).filter((n) => n.startsWith('ORD_'))).toEqual([]);
    expect((await view(world, id!)).state).toBe('accepted');
  });
});

describe('files from the OMS', () => {
  let world: SftpWorld;
  let ids: string[];
  let omsNumbers: string[];
  beforeAll(async () => {
    world = await startSftpWorld({ batch: { maxOrders: 3, maxWaitMs: 200 }, pollIntervalMs: 300 });
    ids = await placeOrders(world, 4000, 3);
    await allInState(world, ids, 'acknowledged');
    omsNumbers = ids.map((id) => world.oms.orders().find((o) => o.hubOrderId === id)!.omsOrderNumber);
  }, 90_000);
  afterAll(async () => world?.stop());

  /** Status rows must be newer than the acknowledgement from the same OMS, or they are stale. */
  const statusLine = (id: string, oms: string, status: string, at = new Date().toISOString()) => `${id},${oms},${status},,,,,,${at}\r\n`;
  const header = 'hub_order_id,oms_order_number,status,line_number,quantity,carrier,tracking_number,expected_date,event_time\r\n';

  it('does not read a file that is still being written', { timeout: 60_000 }, async () => {
    const content = header + statusLine(ids[0]!, omsNumbers[0]!, 'ALLOCATED');
    const writing = world.oms.writeSlowly('STS_900001.csv', content, { chunks: 8, delayMs: 150 });
    await writing;
    await eventually(async () => ((await view(world, ids[0]!)).state === 'allocated' ? true : undefined), 15_000, 'allocation');
    const quarantine = world.sshd.localPath(`${world.sshd.paths.outbox}/quarantine`);
    expect(readdirSyncSafe(quarantine)).toEqual([]);
    const entries = (await view(world, ids[0]!)).timeline.filter((e) => e.summary.startsWith('allocated'));
    expect(entries).toHaveLength(1);
  });

  it('quarantines a malformed file with the line and field, and goes on with the others', { timeout: 60_000 }, async () => {
    const bad = header + statusLine(ids[1]!, omsNumbers[1]!, 'ALLOCATED') + statusLine(ids[1]!, omsNumbers[1]!, 'TELEPORTED', 'yesterday');
    world.oms.writeRaw('STS_900002.csv', bad);
    world.oms.writeRaw('STS_900003.csv', header + statusLine(ids[2]!, omsNumbers[2]!, 'BACKORDERED'));
    await eventually(async () => ((await view(world, ids[2]!)).state === 'backordered' ? true : undefined), 15_000, 'the good file applied');
    const quarantine = world.sshd.localPath(`${world.sshd.paths.outbox}/quarantine`);
    await eventually(() => (readdirSyncSafe(quarantine).includes('STS_900002.csv.error.txt') ? true : undefined), 15_000, 'quarantine note');
    const note = readFileSync(`${quarantine}/STS_900002.csv.error.txt`, 'utf8');
    expect(note).toMatch(/line 3/);
    expect(note).toMatch(/status|event_time/);
    expect((await view(world, ids[1]!)).state).toBe('acknowledged');
  });

  it('applies the events of a file read twice only once', { timeout: 60_000 }, async () => {
    const content = header + statusLine(ids[0]!, omsNumbers[0]!, 'SHIPPED');
    world.oms.writeRaw('STS_900004.csv', content);
    await eventually(async () => ((await view(world, ids[0]!)).state === 'shipped' ? true : undefined), 15_000, 'shipment');
    world.oms.writeRaw('STS_900004.csv', content);
    const archive = world.sshd.localPath(`${world.sshd.paths.outbox}/archive`);
    await eventually(() => {
      const outbox = readdirSync(world.sshd.localPath(world.sshd.paths.outbox));
      return !outbox.includes('STS_900004.csv') && readdirSync(archive).includes('STS_900004.csv') ? true : undefined;
    }, 15_000, 'the second copy archived');
    const shipped = (await view(world, ids[0]!)).timeline.filter((e) => e.stage === 'status' && e.summary.startsWith('shipped'));
    expect(shipped).toHaveLength(1);
  });
});

describe('done files both ways', () => {
  let world: SftpWorld;
  beforeAll(async () => {
    world = await startSftpWorld({
      batch: { maxOrders: 1, maxWaitMs: 100 }, expectDoneFiles: true, pollIntervalMs: 200,
      oms: { doneFiles: true }, writeDoneFiles: true,
    });
  }, 60_000);
  afterAll(async () => world?.stop());

  it('writes a done file after each order file, and reads an OMS file only once its done file exists', { timeout: 60_000 }, async () => {
    const [id] = await placeOrders(world, 7000, 1);
    await allInState(world, [id!], 'acknowledged');
    const inbox = world.sshd.localPath(world.sshd.paths.inbox);
    const orderFile = readdirSyncSafe(`${inbox}/processed`).find((n) => /^ORD_.+\.txt$/.test(n))!;
    // The done file follows the rename; the OMS may already have taken the order file by then.
    await eventually(() => ([...readdirSyncSafe(inbox), ...readdirSyncSafe(`${inbox}/processed`)].includes(`${orderFile}.done`) ? true : undefined),
      10_000, 'the order file\'s done file');

    const oms = world.oms.orders().find((o) => o.hubOrderId === id)!.omsOrderNumber;
    const content = 'hub_order_id,oms_order_number,status,line_number,quantity,carrier,tracking_number,expected_date,event_time\r\n'
      + `${id},${oms},ALLOCATED,,,,,,${new Date().toISOString()}\r\n`;
    await world.oms.writeRaw('STS_910001.csv', content, { done: false });
    await new Promise((r) => setTimeout(r, 1500));
    expect((await view(world, id!)).state).toBe('acknowledged');
    expect(readdirSync(world.sshd.localPath(world.sshd.paths.outbox))).toContain('STS_910001.csv');

    await world.oms.writeRaw('STS_910001.csv.done', '', { done: false });
    await eventually(async () => ((await view(world, id!)).state === 'allocated' ? true : undefined), 15_000, 'allocation after the done file');
    const archive = world.sshd.localPath(`${world.sshd.paths.outbox}/archive`);
    await eventually(() => (readdirSync(world.sshd.localPath(world.sshd.paths.outbox)).includes('STS_910001.csv.done') ? undefined : true), 10_000, 'the done file cleared');
    expect(readdirSync(archive)).toContain('STS_910001.csv');
  });
});

function readdirSyncSafe(path: string): string[] {
  try {
    return readdirSync(path);
  } catch {
    return [];
  }
}
