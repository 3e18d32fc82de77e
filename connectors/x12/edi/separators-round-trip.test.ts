/**
 * Property-style round trips over many separator choices (punctuation, information
 * separators, a newline as terminator): an inbound 850 written with other separators
 * reads to the same order, and outbound documents written with them read back to the same
 * segments. The choices come from a seeded generator, so a failure repeats.
 */
import { describe, expect, it } from 'vitest';
import { poAck855, type PoAck855Input } from './po-ack-855.js';
import { readPurchaseOrder850 } from './purchase-order-850.js';
import { readInterchange } from './read-interchange.js';
import type { Separators } from './separators.js';
import { sampleJson, sampleText } from './testing/golden-file.js';
import { HARBORLINE, MERIDIAN } from './testing/partners.js';
import { writeInterchange } from './write-interchange.js';
import { withoutTrailingEmpties } from './write-segments.js';

/** Characters the sample data never holds, so any of them may separate. */
const CANDIDATES = ['*', '|', '^', '>', ':', '~', '!', '+', '{', '}', '\\', '#', '$', '=', '<', '?', ';', '`', '\u001c', '\u001d', '\u001e', '\u001f'];
const RUNS = 150;

/** Mulberry32: a small seeded generator. */
function generator(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let value = Math.imul(state ^ (state >>> 15), 1 | state);
    value = (value + Math.imul(value ^ (value >>> 7), 61 | value)) ^ value;
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

function separatorChoices(seed: number, withRepetition: boolean): Separators[] {
  const random = generator(seed);
  const choices: Separators[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    const pool = [...CANDIDATES];
    const take = (): string => pool.splice(Math.floor(random() * pool.length), 1)[0]!;
    const [element, component] = [take(), take()];
    const segment = random() < 0.25 ? '\n' : take();
    choices.push(withRepetition ? { element, component, segment, repetition: take() } : { element, component, segment });
  }
  return choices;
}

/** The interchange's segments written again with other separators (the ISA keeps its widths). */
function rewritten(text: string, separators: Separators, newline: boolean): string {
  const reading = readInterchange(text);
  const original = reading.interchange!.separators;
  const lines = text.split(original.segment).map((line) => line.replace(/^\s+|\s+$/g, '')).filter((line) => line !== '');
  const segments = lines.map((line, at) => {
    const elements = line.split(original.element);
    if (at === 0) {
      elements[16] = separators.component;
      if (separators.repetition !== undefined) elements[11] = separators.repetition;
    }
    return elements.join(separators.element);
  });
  return segments.map((segment) => segment + separators.segment + (newline && separators.segment !== '\n' ? '\r\n' : '')).join('');
}

describe('separators round trip', () => {
  it('an inbound 850 written with other separators reads to the same order', () => {
    const sample = sampleText('inbound/850-004010-harborline.edi');
    const set = readInterchange(sample).groups[0]!.sets[0]!;
    const expected = readPurchaseOrder850(set);
    separatorChoices(850, false).forEach((separators, run) => {
      const reading = readInterchange(rewritten(sample, separators, run % 2 === 0));
      expect(reading.rejection, JSON.stringify(separators)).toBeUndefined();
      expect(reading.interchange?.separators).toEqual(separators);
      expect(readPurchaseOrder850(reading.groups[0]!.sets[0]!)).toEqual(expected);
    });
  });

  it('a 005010 interchange of two groups reads the same with other separators, repetition included', () => {
    const sample = sampleText('inbound/850-005010-meridian-multi.edi');
    const orders = (text: string) => readInterchange(text).groups.flatMap((group) => group.sets.map((set) => readPurchaseOrder850(set)));
    const expected = orders(sample);
    for (const separators of separatorChoices(5010, true)) {
      expect(orders(rewritten(sample, separators, false)), JSON.stringify(separators)).toEqual(expected);
    }
  });

  it('an outbound 855 written with other separators reads back to the same segments', () => {
    for (const [profile, seed] of [[HARBORLINE, 855], [MERIDIAN, 5855]] as const) {
      const built = poAck855(sampleJson<PoAck855Input>(`outbound/855-${profile.version}-${profile === HARBORLINE ? 'harborline' : 'meridian'}.input.json`), profile.version);
      for (const separators of separatorChoices(seed, profile.version === '005010')) {
        const text = writeInterchange({ ...profile, separators }, { controlNumbers: { interchange: 77, group: 77 }, date: new Date(0), functionalId: 'PR', sets: [{ id: '855', segments: built }] });
        const reading = readInterchange(text);
        expect(reading.rejection, JSON.stringify(separators)).toBeUndefined();
        const set = reading.groups[0]!.sets[0]!;
        expect(set.codes).toEqual([]);
        expect(set.segments.map((segment) => segment.elements)).toEqual(built.map((segment) => withoutTrailingEmpties(segment)));
      }
    }
  });
});
