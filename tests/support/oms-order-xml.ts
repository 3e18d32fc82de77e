/**
 * An "OMS XML v1" order request as the hub renders it (docs/protocols.md), for tests that
 * post orders to the OMS simulator directly: the given hub order id and lines (item and
 * quantity), everything else fixed.
 */
export function omsOrderXml(hubOrderId: string, lines: Array<{ item: string; qty: string | number }> = [{ item: 'SKU-0001', qty: '2' }]): string {
  const lineXml = lines
    .map((line, index) => `<Line number="${index + 1}"><Item>${line.item}</Item><Description>Thing</Description><Qty>${line.qty}</Qty><Price>12.50</Price></Line>`)
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?>
<OrderRequest version="1">
  <Header><HubOrderId>${hubOrderId}</HubOrderId><Confirmation>G9EV-A9JCK</Confirmation><Channel>web</Channel>
    <ExternalId>820982911946154508</ExternalId><OrderDate>2026-11-23T10:00:00Z</OrderDate><Currency>USD</Currency></Header>
  <Customer><Name>Ada Lovelace</Name><Email>ada@example.com</Email></Customer>
  <Lines>${lineXml}</Lines>
  <Totals><Merchandise>25.00</Merchandise><Total>25.00</Total></Totals>
</OrderRequest>`;
}
