/**
 * A real order's payload made fit to show an integrator (who may not see personal
 * data): e-mail addresses, phone numbers, people's names, street lines and free-text
 * notes are replaced by fixed placeholders, found by their keys in any channel's shape
 * (`email`, `phone`, `first_name`, `address1`, `Line1`, `Street`…; `name` where the
 * object is a person or an address). Every other text has e-mail addresses and phone
 * numbers masked (src/obs/scrub.ts). The placeholders are valid values of their kind,
 * so the masked sample still maps to a valid canonical order.
 */
import { scrubContacts } from '../obs/scrub.js';

type Kind = 'email' | 'phone' | 'first' | 'last' | 'name' | 'street' | 'note';

export const PLACEHOLDERS: Readonly<Record<Kind, string>> = {
  email: 'masked@example.invalid',
  phone: '+15555550100',
  first: 'Masked',
  last: 'Person',
  name: 'Masked Person',
  street: '1 Masked Street',
  note: 'masked note',
};

const KEYS: ReadonlyArray<readonly [Kind, RegExp]> = [
  ['email', /e-?mail/i],
  ['phone', /phone|mobile|^tel$|^fax$/i],
  ['first', /^(first|given|fore)[-_ ]?name$/i],
  ['last', /^((last|family|sur)[-_ ]?name|surname)$/i],
  ['name', /^(full|middle|display|contact|recipient|buyer|billing|shipping)[-_ ]?name$/i],
  ['street', /^(address[-_ ]?(line)?[-_ ]?\d?|line[-_ ]?\d|street[-_ ]?(address|line)?[-_ ]?\d?|house[-_ ]?(number|no))$/i],
  ['note', /(notes?|comments?|instructions?)$/i],
];

/** Keys of an object that holds a person or an address: its `name` is a person's. */
const PARTY_KEY = /customer|billing|shipping|bill[-_]?to|ship[-_]?to|sold[-_]?to|address|contact|recipient|buyer|sender|consignee|person|^from$|^to$|^cc$/i;
const NAME = /^@?name$/i;
const EMAIL_VALUE = /^[^\s@]+@[^\s@]+$/;

export function maskSample(value: unknown): unknown {
  return maskValue(value, undefined);
}

function maskValue(value: unknown, parentKey: string | undefined): unknown {
  if (typeof value === 'string') return scrubContacts(value);
  if (Array.isArray(value)) return value.map((item) => maskValue(item, parentKey));
  if (typeof value !== 'object' || value === null) return value;
  const record = value as Record<string, unknown>;
  const party = isParty(record, parentKey);
  return Object.fromEntries(Object.entries(record).map(([key, item]) => [key, maskEntry(key, item, party)]));
}

function maskEntry(key: string, value: unknown, party: boolean): unknown {
  const kind = kindOfKey(key) ?? (party && NAME.test(key) ? 'name' : undefined);
  if (kind === undefined || !isFilled(value)) return maskValue(value, key);
  // An `address` that holds an e-mail address (a mail's `from`) is one.
  return PLACEHOLDERS[kind === 'street' && typeof value === 'string' && EMAIL_VALUE.test(value.trim()) ? 'email' : kind];
}

function kindOfKey(key: string): Kind | undefined {
  return KEYS.find(([, pattern]) => pattern.test(key))?.[0];
}

function isParty(record: Record<string, unknown>, parentKey: string | undefined): boolean {
  if (parentKey !== undefined && PARTY_KEY.test(parentKey)) return true;
  return Object.keys(record).some((key) => {
    const kind = kindOfKey(key);
    return kind !== undefined && kind !== 'note';
  });
}

/** A text or number to mask; empty texts, null, objects and lists are left to the walk. */
function isFilled(value: unknown): boolean {
  return (typeof value === 'string' && value.trim() !== '') || typeof value === 'number';
}
