/**
 * The N1 loop of an outbound document for one party: N1 (entity, name, id qualifier and
 * id), N2 (a second name), N3 (address lines) and N4 (city, region, postal code, country).
 */
import type { DocumentContext } from './outbound-values.js';
import { refusal, requiredText } from './outbound-values.js';

/** A party as the outbound documents take it. */
export interface PartyDetails {
  name: string;
  /** N103, e.g. 92 assigned by buyer, 1 DUNS, UL GLN; with `id`. */
  idQualifier?: string;
  id?: string;
  name2?: string;
  address?: {
    line1: string;
    line2?: string;
    city?: string;
    region?: string;
    postalCode?: string;
    country?: string;
  };
}

export function partySegments(context: DocumentContext, field: string, entity: string, party: PartyDetails): string[][] {
  requiredText(context, `${field}.name`, party.name);
  if ((party.idQualifier === undefined) !== (party.id === undefined)) throw refusal(context, `${field} needs both idQualifier and id, or neither`);
  const segments = [['N1', entity, party.name, party.idQualifier ?? '', party.id ?? '']];
  if (party.name2) segments.push(['N2', party.name2]);
  const address = party.address;
  if (address) {
    segments.push(['N3', requiredText(context, `${field}.address.line1`, address.line1), address.line2 ?? '']);
    const place = [address.city ?? '', address.region ?? '', address.postalCode ?? '', address.country ?? ''];
    if (place.some((value) => value !== '')) segments.push(['N4', ...place]);
  }
  return segments;
}
