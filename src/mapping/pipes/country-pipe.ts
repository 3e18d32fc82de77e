/**
 * countryCode: ISO 3166-1 alpha-2, upper case. Accepts alpha-2 in any case, and a few
 * common names and alpha-3 codes ("United States", "USA", "Deutschland" → US, US, DE).
 * Anything else is refused rather than guessed.
 */
import { quote } from '../values.js';
import { definePipe, type Pipe } from './pipe-definition.js';
import { PipeRefusal } from './pipe-errors.js';

const ALPHA_2 = /^[A-Za-z]{2}$/;

const COMMON_NAMES: Record<string, string> = {
  'united states': 'US', 'united states of america': 'US', usa: 'US', 'u.s.a.': 'US', 'u.s.': 'US', america: 'US',
  canada: 'CA', can: 'CA', mexico: 'MX', méxico: 'MX', mex: 'MX',
  'united kingdom': 'GB', 'great britain': 'GB', england: 'GB', scotland: 'GB', wales: 'GB', uk: 'GB', gbr: 'GB',
  ireland: 'IE', irl: 'IE', germany: 'DE', deutschland: 'DE', deu: 'DE', france: 'FR', fra: 'FR',
  spain: 'ES', españa: 'ES', esp: 'ES', italy: 'IT', italia: 'IT', ita: 'IT', netherlands: 'NL', 'the netherlands': 'NL',
  holland: 'NL', nld: 'NL', belgium: 'BE', bel: 'BE', austria: 'AT', österreich: 'AT', aut: 'AT',
  switzerland: 'CH', schweiz: 'CH', suisse: 'CH', che: 'CH', sweden: 'SE', swe: 'SE', norway: 'NO', nor: 'NO',
  denmark: 'DK', dnk: 'DK', finland: 'FI', fin: 'FI', poland: 'PL', pol: 'PL', portugal: 'PT', prt: 'PT',
  japan: 'JP', jpn: 'JP', china: 'CN', chn: 'CN', 'south korea': 'KR', korea: 'KR', kor: 'KR', india: 'IN', ind: 'IN',
  australia: 'AU', aus: 'AU', 'new zealand': 'NZ', nzl: 'NZ', brazil: 'BR', brasil: 'BR', bra: 'BR',
};

export function toCountryCode(value: unknown): string {
  if (typeof value !== 'string') throw new PipeRefusal(`${quote(value)} is not a country`);
  const text = value.trim();
  if (ALPHA_2.test(text)) return text.toUpperCase();
  // Own entries only: "constructor" or "__proto__" must not find Object.prototype's members.
  const name = text.toLowerCase().replace(/\s+/g, ' ');
  const known = Object.hasOwn(COMMON_NAMES, name) ? COMMON_NAMES[name] : undefined;
  if (known) return known;
  throw new PipeRefusal(`${quote(value)} is not an ISO 3166 country code`);
}

export const countryPipes: Record<string, Pipe> = {
  countryCode: definePipe({ description: 'ISO 3166-1 alpha-2 in upper case (also a few names and alpha-3 codes: "United States" → US)', create: () => toCountryCode }),
};
