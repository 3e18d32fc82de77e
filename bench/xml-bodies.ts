/**
 * The 'xml' payload kind (see payloads.ts): Order XML v1 documents from the XML order
 * simulator (3–8 lines, 2–4 KB), each with a unique order id, signed as the
 * `xml-orders` connector expects (docs/protocols.md, "XML order intake").
 */
import { makeXmlOrder, signXmlOrder } from '../sims/xml-orders/index.js';
import type { OrderBodyFactory, OrderRequest } from './payloads.js';

export class XmlOrderFactory implements OrderBodyFactory {
  readonly kind = 'xml' as const;

  constructor(private readonly secret: string) {}

  make(n: number): OrderRequest {
    const body = Buffer.from(makeXmlOrder(n), 'utf8');
    return { body, headers: { ...signXmlOrder(body, this.secret), 'content-length': String(body.length) } };
  }
}
