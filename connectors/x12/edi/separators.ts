/**
 * The delimiters of an interchange, read from its fixed-length ISA segment: the element
 * separator is the character after `ISA` (index 3), the component separator is ISA16
 * (index 104), the segment terminator follows it (index 105) and, from ISA12 `00402` on
 * (so in 005010), ISA11 (index 82) is the repetition separator. Data that cannot carry
 * an interchange is refused with the TA1 note code that says why.
 */
import { X12InterchangeError } from './interchange-error.js';
import { usesRepetitionSeparator } from './versions.js';

/** The delimiters of one interchange. */
export interface Separators {
  /** Between the elements of a segment, e.g. `*`. */
  element: string;
  /** Between the components of a composite element (ISA16), e.g. `>` or `:`. */
  component: string;
  /** After each segment, e.g. `~` or a newline. */
  segment: string;
  /** Between repetitions of an element (ISA11 in 005010), e.g. `^`; none in 004010. */
  repetition?: string;
}

/** Length of the ISA segment up to and including its terminator. */
export const ISA_LENGTH = 106;

/** Index of the element separator after each of ISA01…ISA16 (the last is the terminator). */
export const ISA_SEPARATOR_POSITIONS = [3, 6, 17, 20, 31, 34, 50, 53, 69, 76, 81, 83, 89, 99, 101, 103] as const;

export function readSeparators(text: string): Separators {
  if (!text.startsWith('ISA')) {
    throw new X12InterchangeError('024', 'the data does not start with an ISA segment');
  }
  if (text.length < ISA_LENGTH) {
    throw new X12InterchangeError('023', `the data ends after ${text.length} characters, inside the ${ISA_LENGTH}-character ISA segment`);
  }
  const element = text.charAt(3);
  if (!isDelimiter(element)) throw new X12InterchangeError('026', `the element separator ${shown(element)} is a letter, digit, blank or control character`);
  checkIsaLayout(text, element);
  const component = text.charAt(104);
  if (!isDelimiter(component) || component === element) {
    throw new X12InterchangeError('027', `the component separator (ISA16) ${shown(component)} is a letter, digit or blank, or equals the element separator`);
  }
  const segment = text.charAt(105);
  if (!(isDelimiter(segment) || segment === '\n' || segment === '\r') || segment === element || segment === component) {
    throw new X12InterchangeError('004', `the segment terminator ${shown(segment)} is a letter, digit or blank, or equals another separator`);
  }
  if (!usesRepetitionSeparator(text.slice(84, 89))) return { element, component, segment };
  const repetition = text.charAt(82);
  if (!isDelimiter(repetition) || [element, component, segment].includes(repetition)) {
    throw new X12InterchangeError('016', `the repetition separator (ISA11) ${shown(repetition)} is a letter, digit or blank, or equals another separator`);
  }
  return { element, component, segment, repetition };
}

/** A character that may delimit: printable punctuation, or an information separator (FS, GS, RS, US). */
export function isDelimiter(character: string): boolean {
  if (character.length !== 1) return false;
  const code = character.charCodeAt(0);
  if (code >= 0x1c && code <= 0x1f) return true;
  return code > 0x20 && code < 0x7f && !/[A-Za-z0-9]/.test(character);
}

/** Every separator character of an interchange (repetition included when there is one). */
export function separatorCharacters(separators: Separators): string[] {
  const all = [separators.element, separators.component, separators.segment];
  if (separators.repetition !== undefined) all.push(separators.repetition);
  return all;
}

/** ISA01…ISA16 sit at fixed places: the element separator must be at each of them. */
function checkIsaLayout(text: string, element: string): void {
  const misplaced = ISA_SEPARATOR_POSITIONS.findIndex((position) => text.charAt(position) !== element);
  if (misplaced !== -1) {
    throw new X12InterchangeError('024', `the ISA segment is not 16 fixed-width elements: ISA${String(misplaced).padStart(2, '0')} has the wrong length`);
  }
}

/** A character as a person can read it in a message. */
export function shown(character: string): string {
  const code = character.charCodeAt(0);
  return code > 0x20 && code < 0x7f ? `"${character}"` : `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}
