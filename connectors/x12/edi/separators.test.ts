/**
 * Separators come from the fixed ISA positions (3, 104, 105 and ISA11 in 005010); data
 * that cannot carry an interchange is refused with the TA1 note code that says why.
 */
import { describe, expect, it } from 'vitest';
import { X12InterchangeError } from './interchange-error.js';
import { isDelimiter, readSeparators } from './separators.js';
import { isaText } from './testing/isa-text.js';

function noteCodeOf(text: string): string {
  try {
    readSeparators(text);
  } catch (error) {
    if (error instanceof X12InterchangeError) return error.noteCode;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('readSeparators', () => {
  it('reads element, component and terminator in 004010, where ISA11 is the standards id U', () => {
    expect(readSeparators(`${isaText()}GS*`)).toEqual({ element: '*', component: '>', segment: '~' });
  });

  it('reads the repetition separator from ISA11 in 005010', () => {
    expect(readSeparators(isaText({ version: '00501', repetition: '^', component: ':' }))).toEqual({ element: '*', component: ':', segment: '~', repetition: '^' });
  });

  it('accepts other punctuation and a newline as terminator', () => {
    expect(readSeparators(isaText({ element: '|', component: '\\', segment: '\n', version: '00501', repetition: '}' })))
      .toEqual({ element: '|', component: '\\', segment: '\n', repetition: '}' });
  });

  it('refuses data that does not start with ISA (024) or ends inside it (023)', () => {
    expect(noteCodeOf('GS*PO*')).toBe('024');
    expect(noteCodeOf(isaText().slice(0, 80))).toBe('023');
  });

  it('refuses an alphanumeric element separator (026) and an ISA whose fields have other widths (024)', () => {
    expect(noteCodeOf(isaText({ element: 'X' }))).toBe('026');
    expect(noteCodeOf(isaText({ sender: 'HARBORLINEHG-LONG' }))).toBe('024');
  });

  it('refuses a component separator that is alphanumeric or equals the element separator (027)', () => {
    expect(noteCodeOf(isaText({ component: 'A' }))).toBe('027');
    expect(noteCodeOf(isaText({ component: '*' }))).toBe('027');
  });

  it('refuses a terminator that is alphanumeric, a blank or another separator (004)', () => {
    expect(noteCodeOf(isaText({ segment: 'Z' }))).toBe('004');
    expect(noteCodeOf(isaText({ segment: ' ' }))).toBe('004');
    expect(noteCodeOf(isaText({ segment: '>' }))).toBe('004');
  });

  it('refuses a 005010 repetition separator that is alphanumeric or collides (016)', () => {
    expect(noteCodeOf(isaText({ version: '00501', repetition: 'U' }))).toBe('016');
    expect(noteCodeOf(isaText({ version: '00501', repetition: '>' }))).toBe('016');
  });
});

describe('isDelimiter', () => {
  it('takes punctuation and the information separators, not letters, digits, blanks or other controls', () => {
    for (const character of ['*', '|', '^', '~', '>', ':', '\u001d', '\u001f']) expect(isDelimiter(character), character).toBe(true);
    for (const character of ['a', 'Z', '5', ' ', '\t', '\u0007', '', '**']) expect(isDelimiter(character), JSON.stringify(character)).toBe(false);
  });
});
