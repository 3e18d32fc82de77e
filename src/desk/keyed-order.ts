/**
 * An order an agent keys during a call, whether on the desk page or through the API:
 * checked before anything is saved (items in the catalog, one currency, a way to reach
 * the customer, an address, a token and never a card number), priced from the catalog,
 * and captured through the `agent-desk` instance like any channel's order, with the
 * agent as its author. The same key (agent + the form's nonce) places it once.
 */
import type { Address } from '../model/order.js';
import { captureOrder } from '../pipeline/capture.js';
import type { HubRuntime, LiveInstance } from '../pipeline/runtime.js';

export interface KeyedOrder {
  /** One per order form: a second press of "Place order" is the same order. */
  nonce: string;
  customer: { name?: string; email?: string; phone?: string };
  shipTo: Partial<Address>;
  lines: Array<{ sku: string; quantity: number }>;
  payment?: { token: string; lastFour?: string };
}

export type Placed = { ok: true; hubOrderId: string; confirmation: string; duplicate: boolean } | { ok: false; problems: string[] };

/** What must be right before the order is placed, each in words the agent can act on. */
export function checkKeyedOrder(runtime: HubRuntime, order: KeyedOrder): string[] {
  const problems: string[] = [];
  if (!/^[A-Za-z0-9-]{8,64}$/.test(order.nonce)) problems.push('The form has no valid nonce: open a new order form.');
  if (order.lines.length === 0) problems.push('Add at least one item.');
  for (const line of order.lines) {
    if (!runtime.catalog.has(line.sku)) problems.push(`${line.sku} is not in the catalog.`);
    if (!Number.isInteger(line.quantity) || line.quantity < 1 || line.quantity > 999) problems.push(`${line.sku}: the quantity must be 1 to 999.`);
  }
  if (new Set(order.lines.map((l) => runtime.catalog.get(l.sku)?.currency).filter(Boolean)).size > 1) problems.push('The items are priced in different currencies: key them as separate orders.');
  if (!order.customer.email && !order.customer.phone) problems.push('Give the customer\'s e-mail or phone.');
  const { line1, city, country } = order.shipTo;
  if (!line1 || !city || !/^[A-Za-z]{2}$/.test(country ?? '')) problems.push('The delivery address needs a street, a city and a two-letter country code.');
  const token = order.payment?.token ?? '';
  if (/^[\d\s-]{12,}$/.test(token)) problems.push('That looks like a card number: never type a card on the desk. Use the payment service\'s card form and enter the token it gives.');
  else if (token && !/^tok_[A-Za-z0-9]{6,64}$/.test(token)) problems.push('The payment token starts with tok_ (from the payment service\'s card form).');
  if (order.payment?.lastFour && !/^\d{4}$/.test(order.payment.lastFour)) problems.push('Last four digits: four digits.');
  return problems;
}

export async function placeKeyedOrder(runtime: HubRuntime, order: KeyedOrder, agent: string): Promise<Placed> {
  const problems = checkKeyedOrder(runtime, order);
  const instance = deskInstance(runtime);
  if (!instance) problems.push('No agent-desk instance is configured: see docs/agent-desk.md.');
  if (problems.length > 0 || !instance) return { ok: false, problems };
  const deskOrderId = `desk-${agent}-${order.nonce}`;
  const receipt = await captureOrder(runtime, instance, {
    dedupKey: deskOrderId, externalId: deskOrderId, contentType: 'application/json',
    body: Buffer.from(JSON.stringify(deskDocument(runtime, order, agent, deskOrderId))), meta: { keyedBy: agent },
  });
  return { ok: true, ...receipt };
}

function deskInstance(runtime: HubRuntime): LiveInstance | undefined {
  return [...runtime.instances.values()].find((i) => i.config.connector === 'agent-desk');
}

/** The desk's JSON document (mappings/desk-order-to-canonical.json reads it), priced from the catalog. */
function deskDocument(runtime: HubRuntime, order: KeyedOrder, agent: string, deskOrderId: string) {
  const priced = order.lines.map((l) => {
    const item = runtime.catalog.get(l.sku)!;
    return { sku: l.sku, ...(item.description ? { description: item.description } : {}), quantity: l.quantity, unitPrice: item.unitPrice, currency: item.currency };
  });
  const subtotal = priced.reduce((sum, l) => sum + l.quantity * l.unitPrice, 0);
  return {
    deskOrderId, placedAt: new Date().toISOString(), currency: priced[0]!.currency, keyedBy: agent,
    customer: order.customer,
    shipTo: { ...(order.customer.name ? { name: order.customer.name } : {}), ...order.shipTo },
    lines: priced.map(({ currency: _currency, ...line }) => line),
    subtotal, shipping: 0, grandTotal: subtotal,
    ...(order.payment?.token ? { payment: order.payment } : {}),
  };
}
