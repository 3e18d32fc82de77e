/**
 * The configured trading partners: who a credential names, and the partner an order
 * came from (its identity is the order's `customer.accountNumber`). Identities and
 * domains are compared without regard to case, as cXML networks do; an identity may be
 * configured once only, so an order always leads back to one partner.
 */
import { PermanentError } from '../../src/sdk/index.js';
import type { CxmlConfig, CxmlIdentity, CxmlPartner } from './config.js';

export function sameIdentity(a: CxmlIdentity, b: CxmlIdentity): boolean {
  return fold(a.identity) === fold(b.identity) && fold(a.domain) === fold(b.domain);
}

/** The partner whose identity the order carries, if it is still configured. */
export function partnerByIdentity(config: CxmlConfig, identity: string): CxmlPartner | undefined {
  return config.partners.find((partner) => fold(partner.identity) === fold(identity));
}

/** Refuses settings that name one identity twice: orders could not be traced back to one partner. */
export function checkPartners(config: CxmlConfig): void {
  const seen = new Set<string>();
  for (const partner of config.partners) {
    const key = fold(partner.identity);
    if (seen.has(key)) {
      throw new PermanentError(`cXML partner identity "${partner.identity}" is configured twice`, {
        code: 'CXML_SETTINGS', hint: 'configure each trading partner once (one entry per identity) in settings.partners',
      });
    }
    seen.add(key);
  }
}

/** How the partner is named in messages: its name, else its identity. */
export function partnerLabel(partner: CxmlPartner): string {
  return partner.name ?? `${partner.domain}:${partner.identity}`;
}

function fold(value: string): string {
  return value.trim().toLowerCase();
}
