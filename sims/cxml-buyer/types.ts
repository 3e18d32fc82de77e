/**
 * Types of the cXML buyer simulator: the credentials a procurement system sends with,
 * the plan of a sample purchase order, and the status documents it keeps.
 */

/** A cXML credential: an identity within a domain (`NetworkID`, `DUNS`, …). */
export interface CxmlParty {
  identity: string;
  domain: string;
}

export interface BuyerCredentials {
  /** The buying organization (`From`). */
  buyer: CxmlParty;
  /** The supplier the order is for (`To`). */
  supplier: CxmlParty;
  /** Who sends (`Sender`); the buyer itself unless a network sends for it. */
  sender?: CxmlParty;
  sharedSecret: string;
}

export interface OrderLinePlan {
  lineNumber: number;
  sku: string;
  auxiliaryId?: string;
  description: string;
  quantity: number;
  unitOfMeasure: string;
  unitPriceCents: number;
}

export interface PostalPlan {
  /** `Address/Name`: the organization. */
  name: string;
  deliverTo: string[];
  streets: string[];
  city: string;
  state: string;
  postalCode: string;
  country: string;
  countryName: string;
  email?: string;
  phone?: { countryCode: string; area: string; number: string };
}

export interface OrderRequestPlan {
  n: number;
  orderID: string;
  orderDate: string;
  currency: string;
  contact: { name: string; email: string; phone: { countryCode: string; area: string; number: string } };
  shipTo: PostalPlan;
  billTo: PostalPlan;
  lines: OrderLinePlan[];
  /** Σ unit price × quantity: cXML's `Total` (items only). */
  totalCents: number;
  shippingCents: number;
  shippingMethod: string;
  taxCents: number;
  comments?: string;
}

/** A ConfirmationRequest or ShipNoticeRequest the buyer received, as it read it. */
export interface ReceivedDocument {
  receivedAt: string;
  payloadID: string;
  /** `ConfirmationRequest`, `ShipNoticeRequest`, or the name of whatever else came. */
  kind: string;
  orderID?: string;
  /** `DocumentReference/@payloadID`: the OrderRequest it answers. */
  orderPayloadID?: string;
  /** ConfirmationHeader/@type. */
  confirmationType?: string;
  /** Per line: ConfirmationItem statuses, or ShipNoticeItem quantities. */
  items: Array<{ lineNumber: string; quantity: number; status?: string }>;
  shipmentID?: string;
  carrier?: string;
  trackingNumber?: string;
  /** The code the buyer answered with. */
  answered: number;
  /** The same payloadID was accepted before. */
  duplicate: boolean;
  xml: string;
}
