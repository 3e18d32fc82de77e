/**
 * Finding a customer the way an agent is told who is calling: by phone number, e-mail,
 * confirmation code, order number (the hub's or the channel's) or name (the start of it).
 * Every lookup goes through an index (no scans): the customer directory's keys, the
 * order store's confirmation and reference indexes, and a sorted set for name prefixes.
 */
import { parseConfirmation } from '../model/ids.js';
import type { HubRuntime } from '../pipeline/runtime.js';
import { customerIdentity, normalizeName } from './customer-identity.js';

export type CustomerQuery =
  /** `raw`: as typed, tried as an order number when no customer has the phone (order numbers are digits too). */
  | { kind: 'phone'; value: string; raw: string }
  | { kind: 'email'; value: string }
  | { kind: 'confirmation'; value: string }
  | { kind: 'order'; value: string }
  | { kind: 'name'; value: string };

export interface CustomerCard {
  id: string;
  name: string | null;
  email: string | null;
  phone: string | null;
  account: string | null;
  lastOrderAt: string | null;
  lastChannel: string | null;
  orders: number;
}

const HUB_ORDER_ID = /^[0-9A-HJKMNP-TV-Z]{26}$/;

/**
 * What the agent typed. A phone number may be national: 10 digits are read as North
 * American (`defaultCountryCode`, default 1), which is what the demo's customers are.
 */
export function classifyQuery(text: string, defaultCountryCode = '1'): CustomerQuery {
  const q = text.trim();
  if (q.includes('@')) return { kind: 'email', value: q.toLowerCase() };
  if (HUB_ORDER_ID.test(q.toUpperCase())) return { kind: 'order', value: q.toUpperCase() };
  const code = /^[0-9a-z]{4}-?[0-9a-z]{5}$/i.test(q) ? parseConfirmation(q) : undefined;
  if (code) return { kind: 'confirmation', value: code };
  const digits = q.replace(/[\s().-]/g, '');
  if (/^\+?\d{7,15}$/.test(digits)) return { kind: 'phone', value: toE164(digits, defaultCountryCode), raw: q };
  if (/\d/.test(q) && !/\s/.test(q)) return { kind: 'order', value: q };
  return { kind: 'name', value: normalizeName(q) };
}

function toE164(digits: string, countryCode: string): string {
  if (digits.startsWith('+')) return digits;
  if (digits.startsWith('00')) return `+${digits.slice(2)}`;
  if (countryCode === '1' && digits.length === 11 && digits.startsWith('1')) return `+${digits}`;
  return `+${countryCode}${digits.replace(/^0/, '')}`;
}

export async function findCustomers(runtime: HubRuntime, query: CustomerQuery, limit = 20): Promise<CustomerCard[]> {
  const ids = await idsFor(runtime, query, limit);
  return (await Promise.all([...new Set(ids)].slice(0, limit).map((id) => customerCard(runtime, id))))
    .filter((card): card is CustomerCard => card !== undefined);
}

async function idsFor(runtime: HubRuntime, query: CustomerQuery, limit: number): Promise<string[]> {
  const { keys, redis } = runtime;
  switch (query.kind) {
    case 'email': return [await redis.get(keys.customerBy('email', query.value))].filter((id): id is string => !!id);
    case 'phone': {
      const id = await redis.get(keys.customerBy('phone', query.value));
      return id ? [id] : ownerOf(runtime, await orderIdFor(runtime, query.raw));
    }
    case 'confirmation': return ownerOf(runtime, await runtime.store.findByConfirmation(query.value));
    case 'order': return ownerOf(runtime, await orderIdFor(runtime, query.value));
    case 'name': {
      if (!query.value) return [];
      const members = await redis.zrangebylex(keys.customerNames(), `[${query.value}`, `[${query.value}\xff`, 'LIMIT', 0, limit);
      return members.map((m) => m.slice(m.lastIndexOf('\t') + 1));
    }
  }
}

/** The hub's order id as it is, or a channel's order number through each instance's reference index. */
async function orderIdFor(runtime: HubRuntime, value: string): Promise<string | undefined> {
  if (HUB_ORDER_ID.test(value) && (await runtime.redis.exists(runtime.keys.order(value)))) return value;
  for (const instance of runtime.instances.keys()) {
    const found = await runtime.store.findByExternalRef(instance, value);
    if (found) return found;
  }
  return undefined;
}

async function ownerOf(runtime: HubRuntime, orderId: string | undefined): Promise<string[]> {
  const stored = orderId ? await runtime.store.get(orderId) : undefined;
  const identity = stored?.order ? customerIdentity(stored.order.customer) : undefined;
  return identity ? [identity.id] : [];
}

export async function customerCard(runtime: HubRuntime, id: string): Promise<CustomerCard | undefined> {
  const [card, orders] = await Promise.all([runtime.redis.hgetall(runtime.keys.customer(id)), runtime.redis.zcard(runtime.keys.customerOrders(id))]);
  if (Object.keys(card).length === 0) return undefined;
  return {
    id, name: card.name ?? null, email: card.email ?? null, phone: card.phone ?? null, account: card.account ?? null,
    lastOrderAt: card.lastOrderAt ?? null, lastChannel: card.lastChannel ?? null, orders,
  };
}
