/**
 * e164: normalises a phone number to E.164 (`+14155550123`). Strips spaces, dashes,
 * parentheses, dots and slashes; `00` becomes `+`. A national number needs the argument
 * `{ "defaultCountryCode": "1" }`: one leading trunk `0` is dropped, and for North America
 * (code 1) an 11-digit number that already starts with 1 is not prefixed twice.
 * Anything else is refused.
 */
import { quote } from '../values.js';
import { definePipe, type Pipe } from './pipe-definition.js';
import { PipeRefusal } from './pipe-errors.js';

interface PhoneArgument { defaultCountryCode?: string }

const SEPARATORS = /[\s\-().\/]/g;
const E164 = /^\+[1-9]\d{6,14}$/;
const DIGITS = /^\d+$/;

function withCountryCode(national: string, countryCode: string): string {
  if (countryCode === '1' && national.length === 11 && national.startsWith('1')) return `+${national}`;
  return `+${countryCode}${national.replace(/^0/, '')}`;
}

export function toE164(value: unknown, defaultCountryCode?: string): string {
  if (typeof value !== 'string' && typeof value !== 'number') throw new PipeRefusal(`${quote(value)} is not a phone number`);
  let compact = String(value).trim().replace(SEPARATORS, '');
  if (compact.startsWith('00')) compact = `+${compact.slice(2)}`;
  if (!compact.startsWith('+')) {
    if (!DIGITS.test(compact)) throw new PipeRefusal(`${quote(value)} is not a phone number`);
    if (!defaultCountryCode) throw new PipeRefusal(`${quote(value)} has no country code (and no defaultCountryCode is set)`);
    compact = withCountryCode(compact, defaultCountryCode);
  }
  if (!E164.test(compact)) throw new PipeRefusal(`${quote(value)} is not a phone number in E.164 form`);
  return compact;
}

export const phonePipes: Record<string, Pipe> = {
  e164: definePipe<PhoneArgument>({
    description: 'phone number → E.164 (+14155550123); a national number needs `defaultCountryCode`',
    argument: {
      schema: {
        type: 'object',
        additionalProperties: false,
        properties: { defaultCountryCode: { type: 'string', pattern: '^[1-9][0-9]{0,2}$' } },
      },
    },
    create: (argument) => {
      const countryCode = argument?.defaultCountryCode;
      return (value) => toE164(value, countryCode);
    },
  }),
};
