/**
 * Golden outbound documents: the 855, 856 and 810 sample inputs built in the partners'
 * envelopes (fixed date and control numbers) and compared byte for byte with the
 * committed files, then read back through the interchange reader to prove they are good
 * interchanges: counts and control numbers match and no acknowledgement code is raised.
 */
import { describe, expect, it } from 'vitest';
import { acknowledgeGroup } from './set-acknowledgement.js';
import { invoice810, type Invoice810Input } from './invoice-810.js';
import { poAck855, type PoAck855Input } from './po-ack-855.js';
import { readInterchange } from './read-interchange.js';
import { shipNotice856, type ShipNotice856Input } from './ship-notice-856.js';
import { expectGolden, sampleJson } from './testing/golden-file.js';
import { FIXED_CONTROLS, FIXED_DATE, HARBORLINE, MERIDIAN } from './testing/partners.js';
import { writeInterchange, type PartnerProfile } from './write-interchange.js';

interface Case {
  name: string;
  profile: PartnerProfile;
  functionalId: string;
  setId: string;
  build: (input: never, version: PartnerProfile['version']) => string[][];
}

const CASES: Case[] = [
  { name: '855-004010-harborline', profile: HARBORLINE, functionalId: 'PR', setId: '855', build: (input: PoAck855Input, version) => poAck855(input, version) },
  { name: '855-005010-meridian', profile: MERIDIAN, functionalId: 'PR', setId: '855', build: (input: PoAck855Input, version) => poAck855(input, version) },
  { name: '856-004010-harborline', profile: HARBORLINE, functionalId: 'SH', setId: '856', build: (input: ShipNotice856Input, version) => shipNotice856(input, version) },
  { name: '856-005010-meridian', profile: MERIDIAN, functionalId: 'SH', setId: '856', build: (input: ShipNotice856Input, version) => shipNotice856(input, version) },
  { name: '810-004010-harborline', profile: HARBORLINE, functionalId: 'IN', setId: '810', build: (input: Invoice810Input, version) => invoice810(input, version) },
  { name: '810-005010-meridian', profile: MERIDIAN, functionalId: 'IN', setId: '810', build: (input: Invoice810Input, version) => invoice810(input, version) },
];

function written(item: Case): string {
  const segments = item.build(sampleJson<never>(`outbound/${item.name}.input.json`), item.profile.version);
  return writeInterchange(item.profile, {
    controlNumbers: { ...FIXED_CONTROLS, sets: [1] }, date: FIXED_DATE, functionalId: item.functionalId, sets: [{ id: item.setId, segments }],
  });
}

describe.each(CASES)('$name', (item) => {
  it('matches the committed interchange byte for byte', () => {
    expectGolden(`expected/${item.name}.edi`, written(item));
  });

  it('reads back as a good interchange: envelope counts and control numbers match, no AK code', () => {
    const reading = readInterchange(written(item));
    expect(reading.rejection).toBeUndefined();
    expect(reading.interchange).toMatchObject({ controlNumber: '000900001', receiverId: item.profile.receiverId, version: item.profile.version === '004010' ? '00401' : '00501' });
    const [group] = reading.groups;
    expect(group).toMatchObject({ functionalId: item.functionalId, controlNumber: '900001', version: item.profile.version, codes: [] });
    expect(group?.sets.map((set) => [set.id, set.controlNumber, set.codes, set.errors])).toEqual([[item.setId, '0001', [], []]]);
    expect(group && acknowledgeGroup(group).status).toBe('A');
  });
});
