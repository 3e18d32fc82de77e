/**
 * The plain data the inbound mapping reads for one kiosk order: the order as the kiosk
 * sent it, plus who sold it (`kiosk.device`, `kiosk.store`, `kiosk.seq`, from the signed
 * upload, never from the order's own text) and its totals, summed from the lines when
 * the kiosk sent none.
 */
import type { RawEnvelope } from '../../src/sdk/index.js';
import { parseJsonBody } from '../../src/sdk/index.js';

export interface KioskOrigin {
  device: string;
  store: string;
  seq: number;
}

export function orderData(order: Record<string, unknown>, origin: KioskOrigin): Record<string, unknown> {
  return { ...order, totals: order.totals ?? summedTotals(order), kiosk: { device: origin.device, store: origin.store, seq: origin.seq } };
}

/** The same data again from the stored envelope (normalize worker, review, replay). */
export function parseKioskEnvelope(raw: RawEnvelope): Record<string, unknown> {
  const order = parseJsonBody(raw.body) as Record<string, unknown>;
  return orderData(order, { device: raw.meta.device ?? '', store: raw.meta.store ?? '', seq: Number(raw.meta.seq ?? 0) });
}

function summedTotals(order: Record<string, unknown>): Record<string, number> | undefined {
  const lines = Array.isArray(order.lines) ? order.lines : [];
  let subtotal = 0;
  for (const line of lines) {
    const { quantity, unitPrice } = (line ?? {}) as { quantity?: unknown; unitPrice?: unknown };
    if (typeof quantity !== 'number' || typeof unitPrice !== 'number') return undefined;
    subtotal += quantity * unitPrice;
  }
  const shipping = typeof order.shipping === 'number' ? order.shipping : 0;
  return { subtotal, shipping, tax: 0, discount: 0, grandTotal: subtotal + shipping };
}
