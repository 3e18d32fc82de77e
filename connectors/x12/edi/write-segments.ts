/**
 * One segment as text: `[id, ...elements]` joined with the element separator, trailing
 * empty elements dropped (the X12 rule; the ISA is written elsewhere and keeps all its
 * elements). A value holding a separator or a control character is refused, naming the
 * segment and the element, since it would change what the receiver reads.
 */
import { BadInputError } from '../../../src/sdk/index.js';
import { designator } from './segments.js';
import { shown, type Separators } from './separators.js';

/** A segment to write: `[id, element1, element2, …]`. */
export type SegmentValues = readonly string[];

const SEGMENT_ID = /^[A-Z][A-Z0-9]{1,2}$/;
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

export function segmentText(values: SegmentValues, separators: Separators): string {
  const [id = '', ...elements] = values;
  if (!SEGMENT_ID.test(id)) throw new BadInputError(`"${id.slice(0, 10)}" is no X12 segment id`, { code: 'X12_SEGMENT_ID' });
  elements.forEach((value, at) => checkValue(value, designator(id, at + 1), separators));
  return [id, ...withoutTrailingEmpties(elements)].join(separators.element);
}

/** The elements without the empty ones at the end. */
export function withoutTrailingEmpties(elements: readonly string[]): string[] {
  let end = elements.length;
  while (end > 0 && elements[end - 1] === '') end -= 1;
  return elements.slice(0, end);
}

function checkValue(value: string, name: string, separators: Separators): void {
  const named: [string, string | undefined][] = [
    ['element', separators.element], ['component', separators.component], ['segment', separators.segment], ['repetition', separators.repetition],
  ];
  for (const [kind, character] of named) {
    if (character !== undefined && value.includes(character)) {
      throw new BadInputError(`${name} "${value.slice(0, 40)}" holds the ${kind} separator ${shown(character)}`, {
        code: 'X12_SEPARATOR_IN_VALUE', hint: 'remove the character from the value or choose other separators for the partner',
      });
    }
  }
  const control = CONTROL.exec(value);
  if (control) throw new BadInputError(`${name} holds the control character ${shown(control[0])}`, { code: 'X12_CONTROL_CHARACTER' });
}
