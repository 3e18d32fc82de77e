/**
 * One upload from one device, whichever way it came (HTTP or MQTT): each order is
 * recorded once under its dedup key `device:<id>:seq:<n>` and answered on its own
 * (captured with its confirmation code, duplicate, or rejected with a reason), then the
 * numbers now held are marked and the highest contiguous one is reported, so the kiosk
 * knows what to send again. An order is answered only once it is durably recorded; an
 * element that is not an order is filed with its bytes, never dropped.
 */
import { createHash } from 'node:crypto';
import type { DeviceIdentity, Devices, Intake } from '../../src/sdk/index.js';
import { orderData } from './order-data.js';
import { readUpload, type UnreadableElement, type UploadedOrder } from './read-upload.js';

export interface OrderResult {
  seq?: number;
  /** For an element without a usable number: its place in the upload, from 0. */
  index?: number;
  outcome: 'captured' | 'duplicate' | 'rejected';
  confirmation?: string;
  hubOrderId?: string;
  state?: string;
  reason?: string;
  /** A rejected element is filed with its bytes under this id (console: Filed). */
  filedId?: string;
}

export interface UploadAnswer {
  device: string;
  store: string;
  results: OrderResult[];
  highestContiguous: number;
}

export interface UploadContext {
  instanceId: string;
  devices: Devices;
  intake: Intake;
  maxOrders: number;
  concurrency: number;
  /** Non-personal facts about how the upload came (transport, nonce), kept with each order. */
  meta: Record<string, string>;
}

export async function takeUpload(context: UploadContext, device: DeviceIdentity, body: Buffer): Promise<UploadAnswer> {
  const upload = readUpload(body, context.maxOrders);
  const bySeq = new Map<number, UploadedOrder>();
  for (const order of upload.orders) if (!bySeq.has(order.seq)) bySeq.set(order.seq, order);
  const answered = new Map<number, OrderResult>();
  await inBatches([...bySeq.values()], context.concurrency, async (order) => {
    answered.set(order.seq, await recordOrder(context, device, order));
  });
  const unreadable = await Promise.all(upload.unreadable.map((element) => fileUnreadable(context, device, element)));
  const sequence = await context.devices.hold(device.deviceId, [...answered.keys()]);
  return {
    device: device.deviceId,
    store: device.store,
    // In the upload's order; a number sent twice in one upload is answered twice, alike.
    results: [...upload.orders.map((o) => answered.get(o.seq)!), ...unreadable],
    highestContiguous: sequence.highestContiguous,
  };
}

async function recordOrder(context: UploadContext, device: DeviceIdentity, order: UploadedOrder): Promise<OrderResult> {
  const receipt = await context.intake.order({
    dedupKey: `device:${device.deviceId}:seq:${order.seq}`,
    externalId: `${device.deviceId}/${order.seq}`,
    contentType: 'application/json',
    body: order.bytes,
    data: orderData(order.order, { device: device.deviceId, store: device.store, seq: order.seq }),
    meta: { ...context.meta, device: device.deviceId, store: device.store, seq: String(order.seq), fingerprint: order.fingerprint },
  });
  if (receipt.duplicate && receipt.sameContent === false) return reusedNumber(context, device, order, receipt.confirmation);
  return {
    seq: order.seq,
    outcome: receipt.duplicate ? 'duplicate' : 'captured',
    confirmation: receipt.confirmation,
    hubOrderId: receipt.hubOrderId,
    ...(receipt.state ? { state: receipt.state } : {}),
  };
}

/** The number already holds another order: this one is filed for a person to key in, not lost. */
async function reusedNumber(context: UploadContext, device: DeviceIdentity, order: UploadedOrder, holder: string): Promise<OrderResult> {
  const reason = `number ${order.seq} of device ${device.deviceId} already holds another order (${holder}): the kiosk reused a number; this order was kept for review`;
  const filed = await context.intake.file({
    dedupKey: `device:${device.deviceId}:seq:${order.seq}:conflict:${order.fingerprint}`,
    kind: 'kiosk-number-reused', reason, contentType: 'application/json', body: order.bytes,
    meta: { ...context.meta, device: device.deviceId, store: device.store, seq: String(order.seq) },
  });
  return { seq: order.seq, outcome: 'rejected', reason, filedId: filed.filedId };
}

async function fileUnreadable(context: UploadContext, device: DeviceIdentity, element: UnreadableElement): Promise<OrderResult> {
  const filed = await context.intake.file({
    dedupKey: `device:${device.deviceId}:unreadable:${createHash('sha256').update(element.bytes).digest('hex')}`,
    kind: 'kiosk-unreadable', reason: `device ${device.deviceId}: ${element.reason}`, contentType: 'application/json', body: element.bytes,
    meta: { ...context.meta, device: device.deviceId, store: device.store },
  });
  return { index: element.index, outcome: 'rejected', reason: element.reason, filedId: filed.filedId };
}

async function inBatches<T>(items: T[], size: number, run: (item: T) => Promise<void>): Promise<void> {
  for (let start = 0; start < items.length; start += size) {
    await Promise.all(items.slice(start, start + size).map(run));
  }
}
