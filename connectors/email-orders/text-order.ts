/**
 * The plain-text e-mail order template (samples/order-template.txt, filled in as in
 * samples/text-order.txt) → plain data for the inbound mapping. Customers copy the
 * template into an e-mail, fill it in and send it; this reads the body text.
 *
 * Pure: no I/O, no dependencies. It never throws on customer text: whatever cannot be
 * read goes into `problems`, each naming the text line and what to write instead, so a
 * person reviewing the order can pass the reasons on. Quoted lines (`>`), and everything
 * from a signature separator (`--`), a reply header (`On … wrote:`) or an
 * `-----Original Message-----` line onward are not read. Labels are matched ignoring
 * case, spaces, dots and hyphens; lines that are not labels are ignored outside the
 * Items and Notes blocks. Prices are kept as decimal text and multiplied with BigInt.
 */

export interface TextOrderItem {
  /** 1-based line number in the text. */
  line: number;
  quantity: string;
  sku: string;
  /** Normalised decimal with '.', e.g. '24.90'. */
  unitPrice?: string;
  /** Exact decimal text of quantity × unitPrice, e.g. 3 × 0.10 = '0.30'. */
  lineTotal?: string;
  description?: string;
}

export interface TextOrder {
  name?: string;
  company?: string;
  phone?: string;
  account?: string;
  reference?: string;
  delivery?: string;
  currency?: string;
  notes?: string;
  shipTo?: { line1?: string; line2?: string; city?: string; region?: string; postalCode?: string; country?: string };
  items: TextOrderItem[];
  /** Each problem names the text line and what to write instead, e.g. `line 14: "two blue shirts" is not an item line: write "<quantity> x <SKU> @ <unit price>", e.g. "2 x SKU-1001 @ 24.90"`. */
  problems: string[];
}

type OrderField = 'name' | 'company' | 'phone' | 'account' | 'reference' | 'delivery' | 'currency' | 'notes';
type ShipToField = keyof NonNullable<TextOrder['shipTo']>;
type Field = OrderField | `shipTo.${ShipToField}`;
type Label = Field | 'items';

interface Line { number: number; text: string }
interface Value { value: string; line: number }

/** Template label (as the template spells it) → the synonyms customers may write instead. */
const LABELS: ReadonlyArray<readonly [Label, string, ...string[]]> = [
  ['name', 'Name'],
  ['company', 'Company'],
  ['phone', 'Phone'],
  ['account', 'Account', 'Account number', 'Customer number'],
  ['reference', 'Reference', 'Your reference', 'PO', 'PO number'],
  ['shipTo.line1', 'Street', 'Address', 'Address line 1', 'Street 1'],
  ['shipTo.line2', 'Street 2', 'Address line 2'],
  ['shipTo.city', 'City', 'Town'],
  ['shipTo.region', 'Region', 'State', 'County', 'Province'],
  ['shipTo.postalCode', 'Postcode', 'Postal code', 'ZIP', 'ZIP code'],
  ['shipTo.country', 'Country'],
  ['delivery', 'Delivery', 'Shipping'],
  ['currency', 'Currency'],
  ['notes', 'Notes'],
  ['items', 'Items'],
];
const LABEL_BY_KEY = new Map(LABELS.flatMap(([label, ...names]) => names.map((name) => [labelKey(name), label] as const)));
const TEMPLATE_NAME = new Map(LABELS.map(([label, name]) => [label, name]));
const ORDER_FIELDS: readonly OrderField[] = ['name', 'company', 'phone', 'account', 'reference', 'delivery', 'currency', 'notes'];
const SHIP_TO_FIELDS: readonly ShipToField[] = ['line1', 'line2', 'city', 'region', 'postalCode', 'country'];

const LABEL_LINE = /^([A-Za-z][A-Za-z0-9 .\t-]*?)\s*:\s*(.*)$/;
const ORDER_LINE = /^order$/i;
const LIST_MARKER = /^(?:[-*•]\s+|\d{1,3}[.)]\s+)/;
const STARTS_LIKE_ITEM = /^(?:\d|[-*•]\s)/;
const ITEM_LINE = /^(\d+)\s*[xX×*]\s*([A-Za-z0-9][A-Za-z0-9._/-]*)(?=[\s@]|$)\s*(.*)$/;
const PRICE_NUMBER = /^(?:\d+(?:[.,]\d+)?|[.,]\d+)/;
const CURRENCY_BEFORE = /^((?:[A-Z]{1,2})?\p{Sc}|[A-Z]{3})\s*/u;
const CURRENCY_AFTER = /^\s*(\p{Sc}|[A-Z]{3})(?=\s|$)/u;
const CURRENCY_CODES = new Set(Intl.supportedValuesOf('currency'));
const MAX_PRICE_DECIMALS = 3;
const ITEM_FORMAT = '"<quantity> x <SKU> @ <unit price>", e.g. "2 x SKU-1001 @ 24.90"';

export function parseTextOrder(text: string): TextOrder {
  const values = new Map<Field, Value>();
  const items: TextOrderItem[] = [];
  const problems: string[] = [];
  const setField = (field: Field, value: string, line: number) => {
    const problem = keepFirst(values, field, value, line);
    if (problem !== undefined) problems.push(problem);
  };

  let block: 'none' | 'items' | 'notes' = 'none';
  let notes: { line: number; parts: string[] } | undefined;
  let itemsLabelLine: number | undefined;
  let itemLines = 0;
  const endBlock = () => {
    if (notes !== undefined) setField('notes', notes.parts.join('\n'), notes.line);
    notes = undefined;
    block = 'none';
  };

  // After a blank line, an Items block goes on only with lines that start like an item:
  // "Thanks, Ada" or "Sent from my phone" after the items is the end of the order, not a bad item.
  let afterBlank = false;
  for (const line of orderLines(text)) {
    if (line.text === '') {
      if (block === 'notes') endBlock();
      afterBlank = block === 'items' && itemLines > 0;
      continue;
    }
    if (afterBlank && block === 'items' && readLabel(line.text) === undefined && !STARTS_LIKE_ITEM.test(line.text)) endBlock();
    afterBlank = false;
    if (ORDER_LINE.test(line.text)) {
      endBlock();
      continue;
    }
    const label = readLabel(line.text);
    if (label !== undefined) endBlock();
    if (label?.label === 'notes') {
      block = 'notes';
      notes = { line: line.number, parts: label.value === '' ? [] : [label.value] };
    } else if (label !== undefined && label.label !== 'items') {
      setField(label.label, label.value, line.number);
    } else if (label?.label === 'items' || block === 'items') {
      block = 'items';
      itemsLabelLine ??= line.number;
      const itemText = label === undefined ? line.text : label.value;
      if (itemText === '') continue;
      itemLines += 1;
      const item = parseItemLine({ number: line.number, text: itemText });
      if (item.item !== undefined) items.push(item.item);
      problems.push(...item.problems);
    } else if (block === 'notes') {
      notes?.parts.push(line.text);
    }
  }
  endBlock();

  if (itemLines === 0) problems.push(noItemsProblem(itemsLabelLine));
  return assemble(values, items, problems);
}

/** True when the text holds the template: an `Items:` label line (after quotes/signature are stripped). */
export function looksLikeTextOrder(text: string): boolean {
  return orderLines(text).some((line) => readLabel(line.text)?.label === 'items');
}

/** The lines the customer wrote: trimmed, quoted lines left out, nothing from a signature or reply header on. */
function orderLines(text: string): Line[] {
  const raw = text.split(/\r\n|\r|\n/);
  const lines: Line[] = [];
  for (const [index, original] of raw.entries()) {
    const trimmed = original.trim();
    if (endsTheMessage(trimmed, raw[index + 1]?.trim() ?? '')) break;
    if (trimmed.startsWith('>')) continue;
    lines.push({ number: index + 1, text: trimmed });
  }
  return lines;
}

/** A signature separator, a reply header (also one wrapped onto two lines) or an Outlook original-message rule. */
function endsTheMessage(line: string, next: string): boolean {
  if (line === '--') return true;
  if (/^-{2,}\s*original message\s*-{2,}$/i.test(line)) return true;
  if (!/^on\s/i.test(line)) return false;
  return /\swrote:$/i.test(line) || /(^|\s)wrote:$/i.test(next);
}

function readLabel(text: string): { label: Label; value: string } | undefined {
  const match = LABEL_LINE.exec(text);
  const label = match?.[1] === undefined ? undefined : LABEL_BY_KEY.get(labelKey(match[1]));
  return label === undefined ? undefined : { label, value: (match?.[2] ?? '').trim() };
}

function labelKey(name: string): string {
  return name.toLowerCase().replace(/[\s.-]/g, '');
}

/** Records the first non-empty value of a field; a different later value is a problem. */
function keepFirst(values: Map<Field, Value>, field: Field, written: string, line: number): string | undefined {
  if (written === '') return undefined;
  const value = field === 'delivery' ? written.toLowerCase() : field === 'currency' ? written.toUpperCase() : written;
  const first = values.get(field);
  if (first === undefined) {
    values.set(field, { value, line });
    return undefined;
  }
  if (first.value === value) return undefined;
  const name = TEMPLATE_NAME.get(field) ?? field;
  return `line ${line}: ${name} ${quote(value)} differs from ${quote(first.value)} on line ${first.line}, which was kept: `
    + `write ${name} only once, with the right value`;
}

function parseItemLine(line: Line): { item?: TextOrderItem; problems: string[] } {
  const match = ITEM_LINE.exec(line.text.replace(LIST_MARKER, ''));
  const [, quantity, sku, rest = ''] = match ?? [];
  if (quantity === undefined || sku === undefined) {
    return { problems: [`line ${line.number}: ${quote(line.text)} is not an item line: write ${ITEM_FORMAT}`] };
  }
  const item: TextOrderItem = { line: line.number, quantity, sku };
  const problems: string[] = [];
  let description = rest;
  if (rest.startsWith('@')) {
    const price = parsePrice(rest.slice(1).trim());
    if (price === undefined) {
      return { problems: [`line ${line.number}: ${quote(rest)} is not a unit price: write "${quantity} x ${sku} @ <unit price>" `
        + 'with the price as a number, one decimal mark and no thousands separator, e.g. "@ 1234.50"'] };
    }
    item.unitPrice = price.unitPrice;
    item.lineTotal = multiply(quantity, price.unitPrice);
    description = price.rest;
    const decimals = price.unitPrice.split('.')[1]?.length ?? 0;
    if (decimals > MAX_PRICE_DECIMALS) {
      problems.push(`line ${line.number}: the unit price ${price.unitPrice} of ${sku} has ${decimals} decimals: `
        + `write at most ${MAX_PRICE_DECIMALS}, e.g. "${quantity} x ${sku} @ ${roundDecimal(price.unitPrice, MAX_PRICE_DECIMALS)}"`);
    }
  } else {
    problems.push(missingPriceProblem(line.number, quantity, sku, rest));
  }
  if (BigInt(quantity) === 0n) {
    problems.push(`line ${line.number}: the quantity of ${sku} is 0: write how many you want, `
      + `e.g. "1 x ${sku} @ ${item.unitPrice ?? '<unit price>'}", or delete the line`);
  }
  if (description !== '') item.description = description;
  return { item, problems };
}

function missingPriceProblem(line: number, quantity: string, sku: string, description: string): string {
  const late = /@\s*(\S+)/.exec(description);
  if (late?.[1] !== undefined && parsePrice(late[1]) !== undefined) {
    return `line ${line}: the unit price of ${sku} must come right after the SKU: write "${quantity} x ${sku} @ ${late[1]} …"`;
  }
  return `line ${line}: ${sku} has no unit price: write "${quantity} x ${sku} @ <unit price>" with the catalogue price`;
}

/** `24.90`, `24,90`, `£24.90`, `EUR 24.90`, `24.90 €`, … → '24.90' and the text after it; undefined when it is not a price. */
function parsePrice(text: string): { unitPrice: string; rest: string } | undefined {
  let rest = text;
  const before = CURRENCY_BEFORE.exec(rest);
  if (before?.[1] !== undefined && isCurrency(before[1])) rest = rest.slice(before[0].length);
  const number = PRICE_NUMBER.exec(rest)?.[0];
  if (number === undefined) return undefined;
  rest = rest.slice(number.length);
  const after = CURRENCY_AFTER.exec(rest);
  if (after?.[1] !== undefined && isCurrency(after[1])) rest = rest.slice(after[0].length);
  if (rest !== '' && !/^\s/.test(rest)) return undefined;
  const normalised = number.replace(',', '.');
  return { unitPrice: normalised.startsWith('.') ? `0${normalised}` : normalised, rest: rest.trim() };
}

function isCurrency(token: string): boolean {
  return /\p{Sc}$/u.test(token) || CURRENCY_CODES.has(token);
}

/** Exact quantity × price as decimal text with the price's number of decimals, in BigInt. */
export function multiply(quantity: string, price: string): string {
  const [whole = '0', fraction = ''] = price.split('.');
  return formatScaled(BigInt(quantity) * BigInt(whole + fraction), fraction.length);
}

/** Rounds a decimal text half up to `decimals` places, in BigInt. */
function roundDecimal(price: string, decimals: number): string {
  const [whole = '0', fraction = ''] = price.split('.');
  const divisor = 10n ** BigInt(Math.max(fraction.length - decimals, 0));
  const scaled = BigInt(whole + fraction);
  const rounded = scaled / divisor + (2n * (scaled % divisor) >= divisor ? 1n : 0n);
  return formatScaled(rounded, Math.min(fraction.length, decimals));
}

function formatScaled(scaled: bigint, decimals: number): string {
  const digits = scaled.toString().padStart(decimals + 1, '0');
  return decimals === 0 ? digits : `${digits.slice(0, -decimals)}.${digits.slice(-decimals)}`;
}

function noItemsProblem(itemsLabelLine: number | undefined): string {
  return itemsLabelLine === undefined
    ? `no items: add a line "Items:" and under it one line per item, ${ITEM_FORMAT}`
    : `line ${itemsLabelLine}: no items under "Items:": write one line per item, ${ITEM_FORMAT}`;
}

function quote(text: string): string {
  const oneLine = text.replace(/\n/g, ' / ');
  return `"${oneLine.length > 60 ? `${oneLine.slice(0, 59)}…` : oneLine}"`;
}

function assemble(values: Map<Field, Value>, items: TextOrderItem[], problems: string[]): TextOrder {
  const order: TextOrder = { items, problems };
  for (const field of ORDER_FIELDS) {
    const value = values.get(field)?.value;
    if (value !== undefined) order[field] = value;
  }
  const shipTo: NonNullable<TextOrder['shipTo']> = {};
  for (const field of SHIP_TO_FIELDS) {
    const value = values.get(`shipTo.${field}`)?.value;
    if (value !== undefined) shipTo[field] = value;
  }
  if (Object.keys(shipTo).length > 0) order.shipTo = shipTo;
  return order;
}
