/** What the connector refuses before sending anything to the gateway. */
import { describe, expect, it } from 'vitest';
import { BadInputError } from '../../src/sdk/index.js';
import { checkAmount, checkToken, looksLikeCardNumber } from './payment-request.js';

describe('payment requests', () => {
  it('refuses a card number passed off as a token, without repeating it', () => {
    expect(looksLikeCardNumber('4242 4242 4242 4242')).toBe(true);
    expect(looksLikeCardNumber('tok_4242424242424242')).toBe(false);
    let refusal: unknown;
    try {
      checkToken('4242424242424242', 'authorization for order O1');
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(BadInputError);
    expect(refusal).toMatchObject({ code: 'CARD_NUMBER_AS_TOKEN' });
    expect((refusal as Error).message).not.toContain('4242');
  });

  it('refuses empty tokens and amounts that are not positive whole minor units', () => {
    expect(() => checkToken('', 'x')).toThrow(/hosted field/);
    expect(() => checkAmount(0, 'x')).toThrow(BadInputError);
    expect(() => checkAmount(12.5, 'x')).toThrow(/whole number/);
    expect(() => checkAmount(1250, 'x')).not.toThrow();
  });
});
