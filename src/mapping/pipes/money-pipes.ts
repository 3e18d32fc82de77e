/**
 * Money pipes, exact and by currency, built on the model's toMinorUnits/fromMinorUnits:
 * - cents: decimal → minor units with 2 decimals;
 * - minor: decimal → minor units of a currency ({ currency } or { currencyPath });
 * - fromMinor: minor units → decimal string of a currency (same arguments).
 * More decimals than the currency has is refused, never rounded.
 */
import { currencyExponent, fromMinorUnits, toMinorUnits } from '../../model/money.js';
import { SOURCE_POINTER } from '../schema-parts.js';
import { compileInputPointer, type Scope } from '../scope.js';
import { quote } from '../values.js';
import { definePipe, type Pipe } from './pipe-definition.js';
import { PipeRefusal, PipeSetupError } from './pipe-errors.js';
import { toInteger } from './number-pipes.js';

type CurrencyArgument = { currency: string } | { currencyPath: string };

const currencySchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    currency: { type: 'string', pattern: '^[A-Za-z]{3}$' },
    currencyPath: { type: 'string', pattern: SOURCE_POINTER },
  },
  allOf: [{
    description: 'needs exactly one of currency (e.g. "USD") or currencyPath (e.g. "$/currency")',
    oneOf: [{ required: ['currency'] }, { required: ['currencyPath'] }],
  }],
};

const CURRENCY_CODE = /^[A-Za-z]{3}$/;

type CurrencyOf = (scope: Scope) => string;

function compileCurrency(argument: CurrencyArgument | undefined): CurrencyOf {
  if (!argument) throw new PipeSetupError('needs { "currency": "USD" } or { "currencyPath": "$/currency" }');
  if ('currency' in argument) {
    const currency = argument.currency.toUpperCase();
    return () => currency;
  }
  const pointer = compileInputPointer(argument.currencyPath);
  return (scope) => {
    const currency = pointer.read(scope);
    if (typeof currency !== 'string' || !CURRENCY_CODE.test(currency.trim())) {
      throw new PipeRefusal(`no currency code at ${pointer.describe(scope)} (found ${quote(currency)})`);
    }
    return currency.trim().toUpperCase();
  };
}

/** `unit` names what the amount is in, for the message ("USD", or "cents"). */
function toMinor(value: unknown, currency: string, unit = currency): number {
  if (typeof value !== 'string' && typeof value !== 'number') throw new PipeRefusal(`${quote(value)} is not an amount`);
  try {
    return toMinorUnits(value, currency);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    const decimals = currencyExponent(currency);
    throw new PipeRefusal(`${quote(value)} is not an amount of ${unit} with at most ${decimals} decimals`);
  }
}

function fromMinor(value: unknown, currency: string): string {
  return fromMinorUnits(toInteger(value), currency);
}

export const moneyPipes: Record<string, Pipe> = {
  cents: definePipe({ description: 'decimal amount → minor units with 2 decimals; refuses a third decimal', create: () => (value) => toMinor(value, 'USD', 'money') }),
  minor: definePipe<CurrencyArgument>({
    description: 'decimal amount → minor units of the currency (`currency`, or read at `currencyPath`); refuses more decimals than it has',
    argument: { schema: currencySchema, required: true },
    create: (argument) => {
      const currencyOf = compileCurrency(argument);
      return (value, scope) => toMinor(value, currencyOf(scope));
    },
  }),
  fromMinor: definePipe<CurrencyArgument>({
    description: 'minor units → decimal text of the currency (same argument as minor); refuses non-integers',
    argument: { schema: currencySchema, required: true },
    create: (argument) => {
      const currencyOf = compileCurrency(argument);
      return (value, scope) => fromMinor(value, currencyOf(scope));
    },
  }),
};
