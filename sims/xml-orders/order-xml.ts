/**
 * Renders a sample order plan as an "Order XML v1" document (docs/protocols.md):
 * plain string building with escaping, cheap enough to call for every request of a
 * load test.
 */
import { formatCents } from '../storefront/money.js';
import { planXmlOrder, type XmlOrderLinePlan, type XmlOrderPartyPlan, type XmlOrderPlan } from './order-plan.js';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

export function escapeXml(text: string): string {
  return text.replace(/[&<>"]/g, (char) => ESCAPES[char] ?? char);
}

/** Sample order number n as an XML document (3–8 lines, about 2–4 KB). */
export function makeXmlOrder(n: number): string {
  return renderXmlOrder(planXmlOrder(n));
}

export function renderXmlOrder(plan: XmlOrderPlan): string {
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<Order version="1">',
    `  <OrderId>${escapeXml(plan.orderId)}</OrderId>`,
    `  <PlacedAt>${plan.placedAt}</PlacedAt>`,
    `  <Currency>${plan.currency}</Currency>`,
    '  <Customer>',
    `    <Id>${escapeXml(plan.customer.id)}</Id>`,
    `    <Name>${escapeXml(plan.customer.name)}</Name>`,
    `    <Email>${escapeXml(plan.customer.email)}</Email>`,
    `    <Phone>${escapeXml(plan.customer.phone)}</Phone>`,
    '  </Customer>',
    ...party('BillTo', plan.billTo),
    ...party('ShipTo', plan.shipTo),
    '  <Lines>',
    ...plan.lines.flatMap(line),
    '  </Lines>',
    '  <Totals>',
    `    <Subtotal>${formatCents(plan.subtotalCents)}</Subtotal>`,
    `    <Shipping>${formatCents(plan.shippingCents)}</Shipping>`,
    `    <Tax>${formatCents(plan.taxCents)}</Tax>`,
    `    <Discount>${formatCents(plan.discountCents)}</Discount>`,
    `    <GrandTotal>${formatCents(plan.grandTotalCents)}</GrandTotal>`,
    '  </Totals>',
    `  <ShippingMethod>${plan.shippingMethod}</ShippingMethod>`,
    ...(plan.pickupStore === undefined ? [] : [`  <PickupStore>${escapeXml(plan.pickupStore)}</PickupStore>`]),
    ...(plan.notes === null ? [] : [`  <Notes>${escapeXml(plan.notes)}</Notes>`]),
    '</Order>',
    '',
  ];
  return out.join('\n');
}

function party(element: string, plan: XmlOrderPartyPlan): string[] {
  const { address } = plan;
  return [
    `  <${element}>`,
    `    <Name>${escapeXml(plan.name)}</Name>`,
    ...(plan.company === null ? [] : [`    <Company>${escapeXml(plan.company)}</Company>`]),
    `    <Line1>${escapeXml(address.address1)}</Line1>`,
    ...(address.address2 === null ? [] : [`    <Line2>${escapeXml(address.address2)}</Line2>`]),
    `    <City>${escapeXml(address.city)}</City>`,
    `    <Region>${address.provinceCode}</Region>`,
    `    <PostalCode>${address.zip}</PostalCode>`,
    '    <Country>US</Country>',
    `    <Phone>${escapeXml(plan.phone)}</Phone>`,
    `  </${element}>`,
  ];
}

function line(plan: XmlOrderLinePlan): string[] {
  return [
    `    <Line number="${plan.number}">`,
    `      <Sku>${escapeXml(plan.sku)}</Sku>`,
    `      <Description>${escapeXml(plan.description)}</Description>`,
    `      <Quantity>${plan.quantity}</Quantity>`,
    `      <UnitPrice>${formatCents(plan.unitPriceCents)}</UnitPrice>`,
    ...(plan.discountCents === 0 ? [] : [`      <Discount>${formatCents(plan.discountCents)}</Discount>`]),
    `      <Tax>${formatCents(plan.taxCents)}</Tax>`,
    '      <Options>',
    ...plan.options.map(([name, value]) => `        <Option name="${escapeXml(name)}">${escapeXml(value)}</Option>`),
    '      </Options>',
    '    </Line>',
  ];
}
