/**
 * Splitting an interchange into segments: elements numbered as reference designators,
 * positions counted from ISA, blanks and newlines around terminators dropped, control
 * characters and oversized text refused.
 */
import { describe, expect, it } from 'vitest';
import { X12InterchangeError } from './interchange-error.js';
import { components, designator, element, repetitions, splitSegments } from './segments.js';
import { interchangeText, isaText } from './testing/isa-text.js';

describe('splitSegments', () => {
  it('numbers elements like X12 designators and positions from 1', () => {
    const { segments } = splitSegments(interchangeText(['GS*PO*A*B*20240318*1045*7*X*004010', 'GE*0*7']));
    const [isa, gs] = segments;
    expect(isa?.id).toBe('ISA');
    expect(isa && element(isa, 6)).toBe('HARBORLINEHG   ');
    expect(isa && element(isa, 16)).toBe('>');
    expect(gs).toMatchObject({ id: 'GS', index: 2 });
    expect(gs && element(gs, 8)).toBe('004010');
    expect(gs && element(gs, 9)).toBe('');
    expect(segments.map((segment) => segment.id)).toEqual(['ISA', 'GS', 'GE', 'IEA']);
  });

  it('drops CR/LF and blanks around terminators, not inside elements', () => {
    const text = `${isaText()}\r\n  GS*PO*A B*C*20240318*1045*7*X*004010~\nGE*0*7~\r\nIEA*1*000000042~\r\n`;
    const { segments, unterminated } = splitSegments(text);
    expect(segments.map((segment) => segment.elements.join('|'))).toContain('GS|PO|A B|C|20240318|1045|7|X|004010');
    expect(unterminated).toBeUndefined();
  });

  it('splits on a newline terminator and drops the CR of CRLF', () => {
    const text = `${isaText({ segment: '\r' })}\nGS*PO*A*B*20240318*1045*7*X*004010\r\nGE*0*7\r\nIEA*1*000000042\r\n`;
    expect(splitSegments(text).segments.map((segment) => segment.id)).toEqual(['ISA', 'GS', 'GE', 'IEA']);
  });

  it('reports the text after the last terminator as unterminated', () => {
    expect(splitSegments(`${isaText()}GS*PO*A*B`).unterminated).toBe('GS*PO*A*B');
  });

  it('refuses control characters inside a segment (024) but allows separators that are controls', () => {
    const refusal = (() => {
      try {
        splitSegments(`${isaText()}GS*PO*A\u0007B~`);
      } catch (error) {
        return error;
      }
      return undefined;
    })();
    expect(refusal).toBeInstanceOf(X12InterchangeError);
    expect(refusal).toMatchObject({ noteCode: '024', message: expect.stringContaining('U+0007') });
    const withGroupSeparator = interchangeText(['GS*PO*A*B*20240318*1045*7*X*004010', 'GE*0*7'], { element: '\u001d' });
    expect(splitSegments(withGroupSeparator).segments[1]?.elements[1]).toBe('PO');
  });

  it('refuses text over the byte limit, counting UTF-8 bytes (024, status 413)', () => {
    const text = interchangeText(['GS*PO*Zoë*B*20240318*1045*7*X*004010', 'GE*0*7']);
    expect(() => splitSegments(text, { maxBytes: Buffer.byteLength(text) })).not.toThrow();
    expect(() => splitSegments(text, { maxBytes: Buffer.byteLength(text) - 1 })).toThrow(expect.objectContaining({ noteCode: '024', status: 413 }));
  });
});

describe('element helpers', () => {
  it('splits components and repetitions, and names designators', () => {
    const separators = { element: '*', component: ':', segment: '~', repetition: '^' };
    expect(components('A:B::D', separators)).toEqual(['A', 'B', '', 'D']);
    expect(repetitions('X^Y', separators)).toEqual(['X', 'Y']);
    expect(repetitions('X^Y', { element: '*', component: ':', segment: '~' })).toEqual(['X^Y']);
    expect(designator('PO1', 7)).toBe('PO107');
  });
});

describe('splitting large input', () => {
  it('splits a long run of blanks inside a segment in linear time', () => {
    const text = interchangeText([`GS*PO*A${' '.repeat(2_000_000)}B*C*20240318*1045*7*X*004010`, 'GE*0*7']);
    const started = performance.now();
    expect(splitSegments(text).segments).toHaveLength(4);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
