/**
 * The interchange reader: ISA fields, groups and sets, and each envelope error at its
 * level: TA1 note codes for the interchange, AK9 codes for a group, AK5 codes for a set.
 */
import { describe, expect, it } from 'vitest';
import { readInterchange } from './read-interchange.js';
import { interchangeText, isaText, MINIMAL_850, purchaseOrderGroup, type IsaFields } from './testing/isa-text.js';

function noteCode(text: string): string | undefined {
  return readInterchange(text).rejection?.noteCode;
}

function withIsaField(position: number, value: string): string {
  const text = interchangeText(purchaseOrderGroup(MINIMAL_850));
  const fields = text.slice(0, 105).split('*');
  fields[position] = value;
  return fields.join('*') + text.slice(105);
}

describe('a good interchange', () => {
  it('gives the ISA fields, groups and sets with their control numbers', () => {
    const reading = readInterchange(interchangeText(purchaseOrderGroup(MINIMAL_850), { controlNumber: '000004217', ackRequested: '1', usage: 'T' }));
    expect(reading.rejection).toBeUndefined();
    expect(reading.interchange).toMatchObject({
      authorizationQualifier: '00', authorizationInfo: ' '.repeat(10), senderQualifier: 'ZZ', senderId: 'HARBORLINEHG', receiverQualifier: 'ZZ',
      receiverId: 'CEDARBROOKOS', date: '240318', time: '1045', standardsIdOrRepetition: 'U', version: '00401', controlNumber: '000004217',
      ackRequested: '1', usage: 'T', separators: { element: '*', component: '>', segment: '~' },
    });
    const [group] = reading.groups;
    expect(group).toMatchObject({
      functionalId: 'PO', applicationSender: 'HARBORLINEHG', applicationReceiver: 'CEDARBROOKOS', date: '20240318', time: '1045',
      controlNumber: '7', agency: 'X', version: '004010', declaredSetCount: '1', codes: [],
    });
    const [set] = group?.sets ?? [];
    expect(set).toMatchObject({ id: '850', controlNumber: '0001', firstSegmentIndex: 3, version: '004010', codes: [], errors: [] });
    expect(set?.segments.map((segment) => segment.id)).toEqual(['BEG', 'PO1', 'CTT']);
    expect(set?.header.id).toBe('ST');
    expect(set?.trailer?.elements).toEqual(['SE', '5', '0001']);
  });

  it('reads several groups of several sets, ST03 in 005010, and bytes with a BOM and leading newlines', () => {
    const first = purchaseOrderGroup(MINIMAL_850, { groupControl: '11', version: '005010' });
    const twoSets = [...first.slice(0, -1), 'ST*850*0002*MHC850-DS', ...MINIMAL_850, 'SE*5*0002', 'GE*2*11'];
    const second = purchaseOrderGroup(MINIMAL_850, { groupControl: '12', version: '005010' });
    const text = interchangeText([...twoSets, ...second], { version: '00501', component: ':' });
    const reading = readInterchange(Buffer.from(`\uFEFF\r\n${text}`, 'utf8'));
    expect(reading.rejection).toBeUndefined();
    expect(reading.interchange?.separators).toEqual({ element: '*', component: ':', segment: '~', repetition: '^' });
    expect(reading.groups.map((group) => [group.controlNumber, group.sets.map((set) => set.controlNumber)])).toEqual([['11', ['0001', '0002']], ['12', ['0001']]]);
    expect(reading.groups[0]?.sets[1]?.implementationReference).toBe('MHC850-DS');
  });

  it('keeps TA1 segments before the first group as interchange acknowledgements', () => {
    const reading = readInterchange(interchangeText(['TA1*000000777*240317*2210*A*000', ...purchaseOrderGroup(MINIMAL_850)]));
    expect(reading.interchangeAcks.map((segment) => segment.elements)).toEqual([['TA1', '000000777', '240317', '2210', 'A', '000']]);
    expect(readInterchange(interchangeText(['TA1*000000777*240317*2210*A*000'])).groups).toEqual([]);
  });
});

describe('interchange errors (TA1 note codes)', () => {
  it.each([
    ['001', interchangeText([...purchaseOrderGroup(MINIMAL_850), 'IEA*1*000000043'])],
    ['021', interchangeText([...purchaseOrderGroup(MINIMAL_850), 'IEA*2*000000042'])],
    ['021', interchangeText([...purchaseOrderGroup(MINIMAL_850), 'IEA*one*000000042'])],
    ['022', interchangeText(['ST*850*0001', 'SE*2*0001'])],
    ['022', interchangeText([...purchaseOrderGroup(MINIMAL_850).slice(0, 1), 'BEG*00*SA*1**20240318'])],
    ['022', interchangeText([...purchaseOrderGroup(MINIMAL_850), 'TA1*000000777*240317*2210*A*000'])],
    ['022', interchangeText(['GE*0*7'])],
    ['022', interchangeText([...purchaseOrderGroup(MINIMAL_850), isaText().slice(0, -1)])],
    ['023', interchangeText(purchaseOrderGroup(MINIMAL_850)).replace('IEA*1*000000042~', '')],
    ['023', interchangeText(purchaseOrderGroup(MINIMAL_850)).slice(0, -4)],
    ['024', interchangeText(['GS*PO*HARBORLINEHG*CEDARBROOKOS*20240318*1045*7*X', 'GE*0*7'])],
    ['024', interchangeText(['GS*PO*HARBORLINEHG*CEDARBROOKOS*20241318*1045*7*X*004010', 'GE*0*7'])],
    ['024', `${interchangeText(purchaseOrderGroup(MINIMAL_850))}GS*PO~`],
    ['024', 'UNA:+.? \'UNB+UNOC:3'],
  ])('answers %s', (code, text) => {
    expect(noteCode(text)).toBe(code);
  });

  it.each([
    [1, 'AB', '010'], [2, 'SECRET    ', '011'], [3, '07', '012'], [4, 'PASSWORD  ', '013'], [5, 'XX', '005'], [6, ' '.repeat(15), '006'],
    [7, 'Q1', '007'], [8, ' '.repeat(15), '008'], [9, '240230', '014'], [10, '2460', '015'], [11, 'V', '016'], [12, '00305', '017'],
    [13, '00000004A', '018'], [14, '2', '019'], [15, 'X', '020'],
  ])('checks ISA%i: "%s" is refused with %s', (position, value, code) => {
    expect(noteCode(withIsaField(position, value))).toBe(code);
  });

  it('refuses separators that collide or are letters, still giving the ISA fields for the TA1', () => {
    const reading = readInterchange(interchangeText(purchaseOrderGroup(MINIMAL_850), { component: '*' } satisfies IsaFields));
    expect(reading.rejection?.noteCode).toBe('027');
    expect(reading.interchange).toMatchObject({ controlNumber: '000000042', date: '240318', time: '1045' });
    expect(noteCode(isaText({ segment: 'A' }) + 'GS')).toBe('004');
    expect(noteCode(isaText({ element: '1' }))).toBe('026');
  });

  it('refuses data without ISA without any ISA fields, and bytes that are not UTF-8', () => {
    expect(readInterchange('hello')).toEqual({ rejection: expect.objectContaining({ noteCode: '024' }), interchangeAcks: [], groups: [] });
    const latin1 = Buffer.from(interchangeText(['GS*PO*ZOË*B*20240318*1045*7*X*004010', 'GE*0*7']), 'latin1');
    const reading = readInterchange(latin1);
    expect(reading.rejection?.noteCode).toBe('024');
    expect(reading.interchange?.controlNumber).toBe('000000042');
  });

  it('refuses an interchange over the size limit', () => {
    const text = interchangeText(purchaseOrderGroup(MINIMAL_850));
    expect(readInterchange(text, { maxBytes: 200 }).rejection).toMatchObject({ noteCode: '024', message: expect.stringContaining('larger than 200 bytes') });
  });

  it('leaves the groups empty when the interchange is rejected', () => {
    expect(readInterchange(interchangeText([...purchaseOrderGroup(MINIMAL_850), 'IEA*1*000000099'])).groups).toEqual([]);
  });
});

describe('functional group errors (AK9 codes)', () => {
  function groupCodes(segments: string[]): string[][] {
    const reading = readInterchange(interchangeText(segments));
    expect(reading.rejection).toBeUndefined();
    return reading.groups.map((group) => group.codes);
  }

  it('1: a group kind this library does not take', () => {
    expect(groupCodes(['GS*PC*A*B*20240318*1045*7*X*004010', 'ST*860*0001', 'SE*2*0001', 'GE*1*7'])).toEqual([['1']]);
  });

  it('2: a version other than 004010 or 005010, or an agency other than X', () => {
    expect(groupCodes(purchaseOrderGroup(MINIMAL_850, { version: '003040' }))).toEqual([['2']]);
    expect(groupCodes(purchaseOrderGroup(MINIMAL_850, { version: '004010VICS' }))).toEqual([[]]);
    expect(groupCodes(purchaseOrderGroup(MINIMAL_850).map((segment) => segment.replace('*X*', '*T*')))).toEqual([['2']]);
  });

  it('3: a missing GE (the next GS or the IEA ends the group)', () => {
    const withoutTrailer = purchaseOrderGroup(MINIMAL_850).slice(0, -1);
    expect(groupCodes([...withoutTrailer, ...purchaseOrderGroup(MINIMAL_850, { groupControl: '8' })])).toEqual([['3'], []]);
    expect(groupCodes(withoutTrailer)).toEqual([['3']]);
  });

  it('4: GE02 differs from GS06; 5: GE01 differs from the sets; 6: GS06 is not 1 to 9 digits', () => {
    const group = purchaseOrderGroup(MINIMAL_850);
    expect(groupCodes([...group.slice(0, -1), 'GE*1*70'])).toEqual([['4']]);
    expect(groupCodes([...group.slice(0, -1), 'GE*3*7'])).toEqual([['5']]);
    expect(groupCodes(purchaseOrderGroup(MINIMAL_850, { groupControl: 'G7' }))).toEqual([['6']]);
  });
});

describe('transaction set errors (AK5 codes)', () => {
  function setCodes(setSegments: string[], functionalId = 'PO'): string[][] {
    const sets = setSegments.filter((segment) => segment.startsWith('ST*')).length;
    const text = interchangeText([`GS*${functionalId}*A*B*20240318*1045*7*X*004010`, ...setSegments, `GE*${sets}*7`]);
    const reading = readInterchange(text);
    expect(reading.rejection).toBeUndefined();
    return reading.groups.flatMap((group) => group.sets.map((set) => set.codes));
  }

  it('1: a set id this library does not take; 6: a set id of another group or no set id', () => {
    expect(setCodes(['ST*875*0001', 'SE*2*0001'])).toEqual([['1']]);
    expect(setCodes(['ST*850*0001', ...MINIMAL_850, 'SE*5*0001'], 'FA')).toEqual([['6']]);
    expect(setCodes(['ST*855*0001', 'SE*2*0001'])).toEqual([['6']]);
    expect(setCodes(['ST**0001', 'SE*2*0001'])).toEqual([['6']]);
  });

  it('2: a missing SE (the next ST or the GE ends the set)', () => {
    expect(setCodes(['ST*850*0001', ...MINIMAL_850, 'ST*850*0002', ...MINIMAL_850, 'SE*5*0002'])).toEqual([['2'], []]);
    expect(setCodes(['ST*850*0001', ...MINIMAL_850])).toEqual([['2']]);
  });

  it('3: SE02 differs from ST02; 4: SE01 does not count ST to SE', () => {
    expect(setCodes(['ST*850*0001', ...MINIMAL_850, 'SE*5*0009'])).toEqual([['3']]);
    expect(setCodes(['ST*850*0001', ...MINIMAL_850, 'SE*4*0001'])).toEqual([['4']]);
    expect(setCodes(['ST*850*0001', ...MINIMAL_850, 'SE*x*0002'])).toEqual([['3', '4']]);
  });

  it('7: ST02 shorter than 4 or longer than 9 characters; 23: ST02 repeated in the group', () => {
    expect(setCodes(['ST*850*001', ...MINIMAL_850, 'SE*5*001'])).toEqual([['7']]);
    expect(setCodes(['ST*850*0000000001', ...MINIMAL_850, 'SE*5*0000000001'])).toEqual([['7']]);
    expect(setCodes(['ST*850*0001', ...MINIMAL_850, 'SE*5*0001', 'ST*850*0001', ...MINIMAL_850, 'SE*5*0001'])).toEqual([[], ['23']]);
  });

  it('notes a segment id that is no X12 id as AK3 code 1, at its position in the set', () => {
    const reading = readInterchange(interchangeText(purchaseOrderGroup(['BEG*00*SA*PO-1**20240318', 'b3g*x', ...MINIMAL_850.slice(1)])));
    expect(reading.groups[0]?.sets[0]?.errors).toEqual([{ segmentId: 'b3g', position: 3, code: '1', elements: [], rejectsSet: false }]);
  });
});
