/**
 * The OMS's stock feed (docs/protocols.md, "OMS stock feed"): a signed
 * `<StockUpdate kind="snapshot|delta" asOf="…" sequence="…">` with one
 * `<Item sku dc onHand [expected] [alternatives]/>` per SKU and distribution centre, on
 * hand as an absolute number, alternatives as SKUs separated by spaces. Parsed safely; anything malformed is bad input naming the item.
 */
import { BadInputError, parseXmlSafely, xmlText, type StockItem, type StockUpdate } from '../../src/sdk/index.js';

type Element = Record<string, unknown>;

const MAX_ITEMS = 100_000;

export function parseStockUpdate(body: Buffer): StockUpdate {
  const root = parseXmlSafely(body, { arrays: ['Item'], maxElements: MAX_ITEMS + 10, maxBytes: 32 * 1024 * 1024 });
  const update = root.StockUpdate as Element | string | undefined;
  if (update === undefined) throw new BadInputError('expected a <StockUpdate> document', { code: 'NOT_A_STOCK_UPDATE' });
  const element: Element = typeof update === 'object' ? update : {};
  const kind = xmlText(element['@kind']);
  if (kind !== 'snapshot' && kind !== 'delta') throw new BadInputError(`<StockUpdate kind="${kind ?? ''}">: kind must be snapshot or delta`, { code: 'BAD_STOCK_KIND' });
  const asOf = xmlText(element['@asOf']) ?? '';
  if (Number.isNaN(Date.parse(asOf))) throw new BadInputError(`<StockUpdate asOf="${asOf.slice(0, 40)}"> is not a time`, { code: 'BAD_STOCK_TIME' });
  const sequence = Number(xmlText(element['@sequence']));
  const items = ((element.Item as Element[] | undefined) ?? []).map(toItem);
  return { kind, asOf: new Date(asOf).toISOString(), ...(Number.isFinite(sequence) ? { sequence } : {}), items };
}

function toItem(item: Element, index: number): StockItem {
  const sku = xmlText(item['@sku'])?.trim();
  const dc = xmlText(item['@dc'])?.trim();
  const onHand = Number(xmlText(item['@onHand']));
  const expected = xmlText(item['@expected'])?.trim();
  const alternatives = xmlText(item['@alternatives'])?.split(/[\s;]+/).map((s) => s.trim()).filter(Boolean);
  if (!sku || !dc) throw new BadInputError(`stock item ${index + 1} has no sku or dc`, { code: 'BAD_STOCK_ITEM' });
  if (!Number.isInteger(onHand) || onHand < 0) throw new BadInputError(`stock item ${sku}@${dc}: onHand must be a whole number ≥ 0`, { code: 'BAD_STOCK_ITEM' });
  if (expected !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(expected)) throw new BadInputError(`stock item ${sku}@${dc}: expected must be a date (YYYY-MM-DD)`, { code: 'BAD_STOCK_ITEM' });
  return { sku, dc, onHand, ...(expected ? { expectedDate: expected } : {}), ...(alternatives ? { alternatives: alternatives.slice(0, 20) } : {}) };
}
