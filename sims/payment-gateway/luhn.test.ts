/** The Luhn check and card-number reading of the payment gateway simulator. */
import { describe, expect, it } from 'vitest';
import { cardBrand } from './card-brand.js';
import { cardDigits, isCardNumber, passesLuhn } from './luhn.js';
import { TEST_CARDS } from './test-cards.js';

describe('Luhn check', () => {
  it('accepts every test card and well-known valid numbers', () => {
    for (const card of TEST_CARDS) expect(passesLuhn(card.number), card.behaviour).toBe(true);
    expect(passesLuhn('5555555555554444')).toBe(true);
    expect(passesLuhn('378282246310005')).toBe(true);
  });

  it('refuses a single mistyped digit and two swapped neighbours', () => {
    expect(passesLuhn('4242424242424243')).toBe(false);
    expect(passesLuhn('4242424242424224')).toBe(false);
    expect(passesLuhn('2424424242424242')).toBe(false);
  });

  it('refuses anything that is not all digits', () => {
    expect(passesLuhn('')).toBe(false);
    expect(passesLuhn('4242 4242 4242 4242')).toBe(false);
    expect(passesLuhn('42424242424242a2')).toBe(false);
  });
});

describe('reading a typed card number', () => {
  it('drops spaces and dashes between groups, then checks length and Luhn', () => {
    expect(cardDigits('4242 4242-4242 4242')).toBe('4242424242424242');
    expect(isCardNumber('4242 4242 4242 4242')).toBe(true);
    expect(isCardNumber('4242 4242 4242 4241')).toBe(false);
  });

  it('refuses numbers shorter than 12 or longer than 19 digits even when Luhn-valid', () => {
    expect(passesLuhn('0')).toBe(true);
    expect(isCardNumber('0')).toBe(false);
    expect(isCardNumber('00000000000000000000')).toBe(false);
  });

  it('names the brand from the leading digits', () => {
    expect(cardBrand('4242424242424242')).toBe('visa');
    expect(cardBrand('5555555555554444')).toBe('mastercard');
    expect(cardBrand('2223003122003222')).toBe('mastercard');
    expect(cardBrand('378282246310005')).toBe('amex');
    expect(cardBrand('6011111111111117')).toBe('discover');
    expect(cardBrand('9999999999999995')).toBe('unknown');
  });
});
