/**
 * Who a customer is across channels: the account number when the channel knows one,
 * else the e-mail address, else the phone number (E.164). The same person ordering on
 * the web and by phone with the same e-mail is one customer. The id is a digest of that
 * key: no personal data in ids or key names. Pure.
 */
import { createHash } from 'node:crypto';
import type { Customer } from '../model/order.js';

export interface CustomerIdentity {
  /** `C` + 20 hex digits of the key's digest. */
  id: string;
  /** What identifies them: `account`, `email` or `phone`. */
  by: 'account' | 'email' | 'phone';
}

export function customerIdentity(customer: Customer): CustomerIdentity | undefined {
  const key = customer.accountNumber ? ['account', customer.accountNumber.trim()] as const
    : customer.email ? ['email', customer.email.trim().toLowerCase()] as const
      : customer.phone ? ['phone', customer.phone.trim()] as const
        : undefined;
  if (!key) return undefined;
  return { id: `C${createHash('sha256').update(`${key[0]}:${key[1]}`).digest('hex').slice(0, 20).toUpperCase()}`, by: key[0] };
}

/** A name as it is searched: lower case, accents and punctuation gone, single spaces. */
export function normalizeName(name: string): string {
  return name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}
