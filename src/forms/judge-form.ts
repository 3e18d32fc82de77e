/**
 * What a form reading means for an order, and whether a person must look first. The
 * order is accepted automatically only if every check passes (the customer is known,
 * account number and phone, when both are written, name the same customer; every line
 * names a catalog SKU at its catalog price with a whole positive quantity; the total
 * written on the form equals the sum of the lines) AND every field the order uses was
 * read confidently enough:
 * - a field no other field confirms needs `threshold` (80 by default);
 * - a field a check confirms needs only `confirmedThreshold` (30 by default): a SKU found
 *   in the catalog whose written price is the catalog price, a price equal to the catalog
 *   price, quantities and total when the total equals the sum of the lines, account and
 *   phone naming the same customer (or either with the customer's postcode), a postcode
 *   equal to the one on file. A misread such a field survives would need a second misread
 *   that agrees with it exactly.
 * A SKU not in the catalog, or a postcode not the customer's, that is one doubtful
 * character (below `threshold`) away from exactly one catalog item at the price written,
 * or from the customer's postcode, is taken as that (noted on the field as `resolved`):
 * OCR doubted that very character, and the other fields agree.
 * Anything else is a doubt naming the field, what was read and why; the order then goes
 * to review with the reading beside the image. A reviewer's corrections replace what was
 * read and count as certain.
 */
import type { Directory, CustomerRecord } from './directory.js';
import type { FormLayout } from './form-layout.js';
import type { FormReading } from './read-form.js';
import type { FieldReading } from './read-fields.js';

export interface JudgedField {
  name: string;
  label: string;
  value: string;
  confidence: number;
  /** Why a person should look at this field, when they should. */
  doubt?: string;
  /** False for fields that decide nothing (a printed name, shown to the reviewer only). */
  used: boolean;
  /** Confidence of each written character (absent for corrected fields). */
  chars?: number[];
  /** What the order uses instead of a near-miss reading, and why (a catalog item one doubtful character away). */
  resolved?: string;
}

export interface FormOrderData {
  form: { id: string; version: number };
  currency: string;
  customer?: { account: string; phone: string; name: string; email?: string; shipTo: { name: string; line1: string; city: string; postcode: string; country: string } };
  lines: Array<{ lineNumber: number; sku: string; description: string; quantity: string; unitPrice: string; lineTotal: string }>;
  total: string;
  /** Every field as read (or corrected), for the review page and the timeline. */
  fields: JudgedField[];
  pages: FormReading['pages'];
}

export interface Judgement {
  data: FormOrderData;
  doubts: string[];
}

export interface Thresholds {
  /** Confidence (0-100) a field needs when no check confirms it. */
  threshold: number;
  /** Confidence a field needs when a check confirms it (default 30). */
  confirmedThreshold?: number;
}

export function judgeForm(reading: FormReading, directory: Directory, thresholds: number | Thresholds, corrections: Record<string, string> = {}): Judgement {
  const { threshold, confirmedThreshold = 30 } = typeof thresholds === 'number' ? { threshold: thresholds } : thresholds;
  const layout = reading.layout;
  const fields = judgedFields(reading.fields, layout, corrections);
  const byName = new Map(fields.map((f) => [f.name, f]));
  const doubts: string[] = [...reading.problems];
  const confirmed = new Set<string>();
  const customer = matchCustomer(byName, directory, doubts, confirmed, threshold);
  const lines = readLines(fields, byName, directory, doubts, confirmed, threshold);
  const total = amount(byName.get('total'));
  const sum = lines.reduce((acc, line) => acc + toCents(line.lineTotal), 0n);
  if (reading.problems.length === 0) {
    if (lines.length === 0) doubts.push('no order line is filled in');
    if (!total) doubts.push(flag(byName, 'total', 'the order total is not filled in'));
    else if (toCents(total) !== sum) doubts.push(flag(byName, 'total', `the total on the form (${total}) is not the sum of the lines (${fromCents(sum)})`));
    else for (const line of lines) confirmed.add(`lines.${line.row}.quantity`), confirmed.add('total');
  }
  for (const field of fields) {
    if (field.confidence === 100 || field.value === '' || !field.used) continue;
    const needed = confirmed.has(field.name) ? confirmedThreshold : threshold;
    if (field.confidence < needed) doubts.push(flag(byName, field.name, `read as "${field.value}" with confidence ${field.confidence} (below ${needed}${confirmed.has(field.name) ? ', confirmed by a check' : ''})`));
  }
  const currency = lines.map((l) => directory.catalog.get(l.sku)?.currency).find(Boolean) ?? 'EUR';
  return {
    data: {
      form: { id: layout?.id ?? 'unknown', version: layout?.version ?? 0 }, currency,
      ...(customer ? { customer } : {}), lines: lines.map(({ row: _row, ...line }) => line), total: total ?? '', fields, pages: reading.pages,
    },
    doubts,
  };
}

function judgedFields(readings: FieldReading[], layout: FormLayout | undefined, corrections: Record<string, string>): JudgedField[] {
  const labels = new Map([...(layout?.fields ?? []), ...(layout?.footer ?? [])].map((f) => [f.name, f.label]));
  // Text fields (a printed name) are shown to the reviewer but decide nothing: the customer comes from the directory.
  const informational = new Set([...(layout?.fields ?? []), ...(layout?.footer ?? [])].filter((f) => f.kind === 'text').map((f) => f.name));
  const columnLabels = new Map((layout?.lines.columns ?? []).map((c) => [c.name, c.label]));
  return readings.map((reading) => {
    const corrected = corrections[reading.name];
    const label = labels.get(reading.name) ?? lineLabel(reading.name, columnLabels);
    const used = !informational.has(reading.name);
    if (corrected !== undefined) return { name: reading.name, label, value: corrected.trim(), confidence: 100, used };
    const chars = writtenChars(reading).map((c) => Math.round(c.confidence));
    return { name: reading.name, label, value: reading.value, confidence: Math.round(reading.confidence), used, ...(chars.length === reading.value.length ? { chars } : {}) };
  });
}

function lineLabel(name: string, columnLabels: Map<string, string>): string {
  const [, row, column] = name.split('.');
  return `Line ${row}: ${columnLabels.get(column ?? '') ?? column}`;
}

function matchCustomer(byName: Map<string, JudgedField>, directory: Directory, doubts: string[], confirmed: Set<string>, threshold: number): FormOrderData['customer'] {
  const account = byName.get('account')?.value.replace(/\s/g, '') ?? '';
  const phone = byName.get('phone')?.value.replace(/\s/g, '') ?? '';
  if (phone && !/^\d{8,15}$/.test(phone)) doubts.push(flag(byName, 'phone', `"${phone}" is not a phone number with its country code (8 to 15 digits)`));
  const byAccount = account ? directory.byAccount.get(account) : undefined;
  const byPhone = phone ? directory.byPhone.get(phone) : undefined;
  if (!account && !phone) {
    doubts.push('no account number and no phone: the customer cannot be identified');
    return undefined;
  }
  if (account && !byAccount) doubts.push(flag(byName, 'account', `no customer has account number ${account}`));
  if (phone && !byPhone) doubts.push(flag(byName, 'phone', `no customer has phone +${phone}`));
  if (byAccount && byPhone && byAccount !== byPhone) doubts.push(flag(byName, 'account', `account ${account} and phone +${phone} belong to different customers`));
  const customer = byAccount ?? byPhone;
  if (!customer || (account && !byAccount) || (phone && !byPhone)) return undefined;
  if (byAccount && byPhone && byAccount === byPhone) confirmed.add('account').add('phone');
  const postcodeField = byName.get('postcode');
  const postcode = postcodeField?.value.replace(/\s/g, '').toUpperCase();
  const onFile = customer.postcode.replace(/\s/g, '').toUpperCase();
  const matches = postcode === onFile || (postcode !== undefined && oneDoubtfulCharAway(postcodeField, [onFile], threshold) === onFile);
  if (postcode && !matches) {
    doubts.push(flag(byName, 'postcode', `postcode ${postcode} is not the customer's (${customer.postcode}): a new address needs a person`));
  } else if (postcode) {
    if (postcode !== onFile && postcodeField) resolve(postcodeField, onFile, `${customer.postcode}: the customer's postcode, one doubtful character away`);
    // The customer's own postcode written beside their account number or phone confirms it.
    confirmed.add('postcode');
    if (account) confirmed.add('account');
    if (phone) confirmed.add('phone');
  }
  return asCustomer(customer);
}

function asCustomer(c: CustomerRecord): NonNullable<FormOrderData['customer']> {
  return {
    account: c.account, phone: `+${c.phone}`, name: c.name, ...(c.email ? { email: c.email } : {}),
    shipTo: { name: c.name, line1: c.line1, city: c.city, postcode: c.postcode, country: c.country },
  };
}

function readLines(
  fields: JudgedField[], byName: Map<string, JudgedField>, directory: Directory, doubts: string[], confirmed: Set<string>, threshold: number,
): Array<FormOrderData['lines'][number] & { row: number }> {
  const rows = [...new Set(fields.filter((f) => f.name.startsWith('lines.')).map((f) => Number(f.name.split('.')[1])))].sort((a, b) => a - b);
  const lines: Array<FormOrderData['lines'][number] & { row: number }> = [];
  for (const row of rows) {
    const skuField = byName.get(`lines.${row}.sku`);
    const written = skuField?.value.replace(/\s/g, '').toUpperCase() ?? '';
    const quantity = byName.get(`lines.${row}.quantity`)?.value.replace(/\s/g, '') ?? '';
    const unitPrice = amount(byName.get(`lines.${row}.unitPrice`)) ?? '';
    if (!written && !quantity && !unitPrice) continue;
    const nearMiss = directory.catalog.has(written) ? undefined : oneDoubtfulCharAway(skuField, directory.catalog.keys(), threshold);
    const priced = nearMiss && unitPrice && toCents(directory.catalog.get(nearMiss)!.unitPrice) === toCents(unitPrice) ? nearMiss : undefined;
    if (priced && skuField) resolve(skuField, priced, `${priced}: the catalog item one doubtful character away from "${written}", at the price written`);
    const sku = priced ?? written;
    const item = directory.catalog.get(sku);
    if (!item) doubts.push(flag(byName, `lines.${row}.sku`, sku ? `${sku} is not in the catalog` : 'no item number'));
    if (!/^[1-9]\d*$/.test(quantity)) doubts.push(flag(byName, `lines.${row}.quantity`, quantity ? `"${quantity}" is not a whole quantity above 0` : 'no quantity'));
    if (!unitPrice) doubts.push(flag(byName, `lines.${row}.unitPrice`, 'no unit price'));
    else if (item && toCents(unitPrice) !== toCents(item.unitPrice)) {
      doubts.push(flag(byName, `lines.${row}.unitPrice`, `${unitPrice} is not the catalog price of ${sku} (${item.unitPrice})`));
    } else if (item) confirmed.add(`lines.${row}.sku`).add(`lines.${row}.unitPrice`);
    const cents = /^\d+$/.test(quantity) && unitPrice ? BigInt(quantity) * toCents(unitPrice) : 0n;
    lines.push({ row, lineNumber: lines.length + 1, sku, description: item?.description ?? '', quantity, unitPrice, lineTotal: fromCents(cents) });
  }
  return lines;
}

/** The characters of the value: the boxes from the first written one to the last. */
function writtenChars(reading: FieldReading): FieldReading['chars'] {
  const first = reading.chars.findIndex((c) => !c.blank);
  if (first < 0) return [];
  const last = reading.chars.length - 1 - [...reading.chars].reverse().findIndex((c) => !c.blank);
  return reading.chars.slice(first, last + 1);
}

/** The field is taken as `value`: its confidence is then that of the characters it kept. */
function resolve(field: JudgedField, value: string, why: string): void {
  const kept = (field.chars ?? []).filter((_, i) => field.value[i]?.toUpperCase() === value[i]);
  field.resolved = why;
  field.confidence = kept.length > 0 ? Math.min(...kept) : field.confidence;
}

/**
 * The one candidate that differs from the field's reading in exactly one position whose
 * character OCR doubted (below `threshold`); undefined when there is none or more than one.
 * A clearly written wrong code stays wrong: only a doubtful character may be read otherwise.
 */
function oneDoubtfulCharAway(field: JudgedField | undefined, candidates: Iterable<string>, threshold: number): string | undefined {
  if (!field?.chars || field.value.length === 0) return undefined;
  const read = field.value.toUpperCase();
  let found: string | undefined;
  for (const candidate of candidates) {
    if (candidate.length !== read.length) continue;
    let differing = -1;
    let count = 0;
    for (let i = 0; i < read.length && count < 2; i++) {
      if (read[i] !== candidate[i]) {
        differing = i;
        count++;
      }
    }
    if (count !== 1 || (field.chars[differing] ?? 100) >= threshold) continue;
    if (found) return undefined;
    found = candidate;
  }
  return found;
}

/** An amount field's digits as decimal text (`002490` with 2 decimals → `24.90`); undefined when blank or not digits. */
function amount(field: JudgedField | undefined): string | undefined {
  const digits = field?.value.replace(/\s/g, '') ?? '';
  if (!/^\d+$/.test(digits)) return digits.includes('.') && /^\d+\.\d{2}$/.test(digits) ? digits : undefined;
  const padded = digits.padStart(3, '0');
  return `${String(Number(padded.slice(0, -2)))}.${padded.slice(-2)}`;
}

function toCents(decimal: string): bigint {
  const [whole = '0', fraction = ''] = decimal.split('.');
  return BigInt(whole || '0') * 100n + BigInt((fraction + '00').slice(0, 2));
}

function fromCents(cents: bigint): string {
  const text = cents.toString().padStart(3, '0');
  return `${text.slice(0, -2)}.${text.slice(-2)}`;
}

/** Notes the doubt on the field (beside any it has already) and returns it as a review reason. */
function flag(byName: Map<string, JudgedField>, name: string, doubt: string): string {
  const field = byName.get(name);
  if (field) field.doubt = field.doubt ? `${field.doubt}; ${doubt}` : doubt;
  return `${name}: ${doubt}`;
}
