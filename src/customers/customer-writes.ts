/**
 * What an accepted order writes into the customer directory, in the same script call
 * that accepts it: the customer's card (name, e-mail, phone, account, last order), the
 * order in their list, and the lookups by e-mail, phone, account number and name. Every
 * name the order carries for the customer is searchable; the card keeps the latest.
 * The card, the order list and the lookups expire `keepSeconds` after the customer's last
 * order (retention.orderDays and a month): a customer's data does not outlive their orders
 * by long. A name entry left behind finds no card and is skipped.
 */
import type { CanonicalOrder } from '../model/order.js';
import type { Keys } from '../store/keys.js';
import type { IndexWrite } from '../store/order-store.js';
import { customerIdentity, normalizeName } from './customer-identity.js';

/** How long a customer's data stays after their last order: the orders' retention and a month. */
export function customerKeepSeconds(orderDays: number): number {
  return (orderDays + 30) * 86_400;
}

export function customerWrites(keys: Keys, order: CanonicalOrder, keepSeconds: number): IndexWrite[] {
  const identity = customerIdentity(order.customer);
  if (!identity) return [];
  const { id } = identity;
  const when = Date.parse(order.placedAt) || Date.now();
  const card = keys.customer(id);
  const c = order.customer;
  const name = c.name ?? order.billTo?.name;
  const fields = Object.fromEntries(([
    ['name', name], ['email', c.email], ['phone', c.phone ?? order.shipTo?.phone], ['account', c.accountNumber],
    ['lastOrderAt', order.placedAt], ['lastChannel', order.channel],
  ] as Array<[string, string | undefined]>).filter(([, v]) => v)) as Record<string, string>;
  const keep = { ttlSeconds: keepSeconds };
  const writes: IndexWrite[] = [
    { op: 'hset', key: card, fields, ...keep },
    { op: 'zadd', key: keys.customerOrders(id), score: when, member: order.hubOrderId },
    { op: 'expire', key: keys.customerOrders(id), seconds: keepSeconds },
  ];
  if (c.email) writes.push({ op: 'set', key: keys.customerBy('email', c.email.trim().toLowerCase()), value: id, ...keep });
  if (c.accountNumber) writes.push({ op: 'set', key: keys.customerBy('account', c.accountNumber.trim()), value: id, ...keep });
  for (const phone of new Set([c.phone, order.shipTo?.phone, order.billTo?.phone].filter(Boolean) as string[])) {
    writes.push({ op: 'set', key: keys.customerBy('phone', phone), value: id, ...keep });
  }
  if (name && normalizeName(name)) writes.push({ op: 'zadd', key: keys.customerNames(), score: 0, member: `${normalizeName(name)}\t${id}` });
  return writes;
}
