/**
 * The delimiters of what the partner writes: `*` `:` `~` `^` by default, each one
 * character, all different, none a letter, digit or space (they could not be told apart
 * from data), and the ISA values that depend on the version (ISA11, ISA12).
 */
import type { X12Separators, X12Version } from './types.js';

export const DEFAULT_SEPARATORS: Required<X12Separators> = { element: '*', component: ':', segment: '~', repetition: '^' };

export function checkedSeparators(given: X12Separators | undefined): Required<X12Separators> {
  const separators = { ...DEFAULT_SEPARATORS, ...given, repetition: given?.repetition ?? DEFAULT_SEPARATORS.repetition };
  const all = [separators.element, separators.component, separators.segment, separators.repetition];
  for (const value of all) {
    if (value.length !== 1 || /[A-Za-z0-9 ]/.test(value)) throw new Error(`an X12 separator must be one character, not a letter, digit or space: ${JSON.stringify(value)}`);
  }
  if (new Set(all).size !== all.length) throw new Error(`X12 separators must all differ: ${all.join(' ')}`);
  return separators;
}

/** ISA11: the repetition separator in 005010, `U` (US standards) in 004010. */
export function isa11(version: X12Version, separators: Required<X12Separators>): string {
  return version === '005010' ? separators.repetition : 'U';
}

/** ISA12: the interchange control version, `00401` or `00501`. */
export function isa12(version: X12Version): string {
  return version === '005010' ? '00501' : '00401';
}
