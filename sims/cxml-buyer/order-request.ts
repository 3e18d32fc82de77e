/**
 * Renders a purchase order plan as a cXML 1.2 OrderRequest, the way an Ariba-style
 * procurement system writes one: the cXML DOCTYPE line, a payloadID and timestamp, the
 * From / To / Sender credentials with the shared secret, and the OrderRequestHeader
 * (total, ship-to, bill-to, shipping, tax, contact, comments) with one ItemOut per line.
 */
import { formatCents } from '../storefront/money.js';
import type { BuyerCredentials, CxmlParty, OrderLinePlan, OrderRequestPlan, PostalPlan } from './types.js';
import { escapeXml } from './xml.js';

export const CXML_DTD = 'http://xml.cxml.org/schemas/cXML/1.2.014/cXML.dtd';

export interface OrderRequestEnvelope {
  payloadID: string;
  timestamp: string;
  deploymentMode?: 'production' | 'test';
}

export function renderOrderRequest(plan: OrderRequestPlan, credentials: BuyerCredentials, envelope: OrderRequestEnvelope): string {
  const money = (cents: number) => `<Money currency="${plan.currency}">${formatCents(cents)}</Money>`;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<!DOCTYPE cXML SYSTEM "${CXML_DTD}">`,
    `<cXML payloadID="${escapeXml(envelope.payloadID)}" timestamp="${escapeXml(envelope.timestamp)}" xml:lang="en-US">`,
    '  <Header>',
    `    <From>${credential(credentials.buyer)}</From>`,
    `    <To>${credential(credentials.supplier)}</To>`,
    '    <Sender>',
    `      ${credential(credentials.sender ?? credentials.buyer, credentials.sharedSecret)}`,
    '      <UserAgent>Procurement Suite 9.2 (simulated)</UserAgent>',
    '    </Sender>',
    '  </Header>',
    `  <Request deploymentMode="${envelope.deploymentMode ?? 'production'}">`,
    '    <OrderRequest>',
    `      <OrderRequestHeader orderID="${escapeXml(plan.orderID)}" orderDate="${plan.orderDate}" type="new">`,
    `        <Total>${money(plan.totalCents)}</Total>`,
    `        <ShipTo>${address(plan.shipTo, 'SHIP-2')}</ShipTo>`,
    `        <BillTo>${address(plan.billTo, 'BILL-HQ')}</BillTo>`,
    `        <Shipping>${money(plan.shippingCents)}<Description xml:lang="en">${escapeXml(plan.shippingMethod)}</Description></Shipping>`,
    `        <Tax>${money(plan.taxCents)}<Description xml:lang="en">TX sales tax</Description></Tax>`,
    '        <Contact role="purchasingAgent">',
    `          <Name xml:lang="en">${escapeXml(plan.contact.name)}</Name>`,
    `          <Email name="work">${escapeXml(plan.contact.email)}</Email>`,
    `          <Phone name="work">${telephone(plan.contact.phone)}</Phone>`,
    '        </Contact>',
    ...(plan.comments === undefined ? [] : [`        <Comments xml:lang="en">${escapeXml(plan.comments)}</Comments>`]),
    '      </OrderRequestHeader>',
    ...plan.lines.flatMap((line) => itemOut(line, money)),
    '    </OrderRequest>',
    '  </Request>',
    '</cXML>',
    '',
  ].join('\n');
}

function credential(party: CxmlParty, sharedSecret?: string): string {
  const secret = sharedSecret === undefined ? '' : `<SharedSecret>${escapeXml(sharedSecret)}</SharedSecret>`;
  return `<Credential domain="${escapeXml(party.domain)}"><Identity>${escapeXml(party.identity)}</Identity>${secret}</Credential>`;
}

function address(postal: PostalPlan, addressID: string): string {
  return [
    `<Address addressID="${addressID}">`,
    `<Name xml:lang="en">${escapeXml(postal.name)}</Name>`,
    '<PostalAddress>',
    ...postal.deliverTo.map((line) => `<DeliverTo>${escapeXml(line)}</DeliverTo>`),
    ...postal.streets.map((line) => `<Street>${escapeXml(line)}</Street>`),
    `<City>${escapeXml(postal.city)}</City>`,
    `<State>${escapeXml(postal.state)}</State>`,
    `<PostalCode>${escapeXml(postal.postalCode)}</PostalCode>`,
    `<Country isoCountryCode="${postal.country}">${escapeXml(postal.countryName)}</Country>`,
    '</PostalAddress>',
    ...(postal.email ? [`<Email name="default">${escapeXml(postal.email)}</Email>`] : []),
    ...(postal.phone ? [`<Phone name="work">${telephone(postal.phone)}</Phone>`] : []),
    '</Address>',
  ].join('');
}

function telephone(phone: { countryCode: string; area: string; number: string }): string {
  return `<TelephoneNumber><CountryCode isoCountryCode="US">${phone.countryCode}</CountryCode><AreaOrCityCode>${phone.area}</AreaOrCityCode><Number>${phone.number}</Number></TelephoneNumber>`;
}

function itemOut(line: OrderLinePlan, money: (cents: number) => string): string[] {
  return [
    `      <ItemOut quantity="${line.quantity}" lineNumber="${line.lineNumber}">`,
    '        <ItemID>',
    `          <SupplierPartID>${escapeXml(line.sku)}</SupplierPartID>`,
    ...(line.auxiliaryId ? [`          <SupplierPartAuxiliaryID>${escapeXml(line.auxiliaryId)}</SupplierPartAuxiliaryID>`] : []),
    '        </ItemID>',
    '        <ItemDetail>',
    `          <UnitPrice>${money(line.unitPriceCents)}</UnitPrice>`,
    `          <Description xml:lang="en">${escapeXml(line.description)}</Description>`,
    `          <UnitOfMeasure>${line.unitOfMeasure}</UnitOfMeasure>`,
    '        </ItemDetail>',
    '      </ItemOut>',
  ];
}
