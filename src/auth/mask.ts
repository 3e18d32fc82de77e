/**
 * What a role without `orders:read-pii` sees of an order: ids, lines, totals and where
 * it ships (country, region), but no names, e-mails, phones or street addresses;
 * free text on the timeline is scrubbed of e-mails, phones and card numbers.
 */
import type { Address, CanonicalOrder, Customer } from '../model/order.js';
import type { ChangeRecord } from '../model/order-change.js';
import { scrubValue } from '../obs/scrub.js';

const MASK = '***';

function maskCustomer(customer: Customer): Customer {
  return {
    ...(customer.id ? { id: customer.id } : {}),
    ...(customer.accountNumber ? { accountNumber: customer.accountNumber } : {}),
    ...(customer.name ? { name: MASK } : {}),
    ...(customer.email ? { email: MASK } : {}),
    ...(customer.phone ? { phone: MASK } : {}),
  };
}

function maskAddress(address: Address): Address {
  return { line1: MASK, city: MASK, country: address.country, ...(address.region ? { region: address.region } : {}) };
}

export function maskOrder(order: CanonicalOrder): CanonicalOrder {
  const { billTo, shipTo, notes, ...rest } = order;
  return {
    ...rest,
    customer: maskCustomer(order.customer),
    ...(billTo ? { billTo: maskAddress(billTo) } : {}),
    ...(shipTo ? { shipTo: maskAddress(shipTo) } : {}),
    ...(notes ? { notes: MASK } : {}),
  };
}

/** An order's change requests: a new delivery address is masked like the order's own. */
export function maskChanges(changes: ChangeRecord[]): ChangeRecord[] {
  return changes.map((c) => ({
    ...c, operations: c.operations.map((o) => (o.op === 'change_address' ? { ...o, shipTo: maskAddress(o.shipTo) } : o)),
  }));
}

/** Anything else shown to such a role (timeline details, review candidates): strings scrubbed. */
export function maskFreeText<T>(value: T): T {
  return scrubValue(value) as T;
}
