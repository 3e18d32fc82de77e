/** Event codes → parcel status, and the scripted next step of a parcel. */
import { describe, expect, it } from 'vitest';
import { nextStep } from './default-steps.js';
import { EVENT_CODES, isEventCode, statusAfter, statusOf } from './event-codes.js';
import type { Address, EventCode } from './types.js';

const FROM: Address = { name: 'DC', line1: '1 Dock Rd', city: 'Newark', region: 'NJ', postalCode: '07102', country: 'US' };
const TO: Address = { name: 'Zoe', line1: '5 Main St', city: 'Portland', region: 'OR', postalCode: '97201', country: 'US' };

function history(...codes: EventCode[]): Array<{ code: EventCode }> {
  return codes.map((code) => ({ code }));
}

describe('event codes', () => {
  it('maps every code to the status it leaves the parcel in', () => {
    expect(Object.fromEntries(EVENT_CODES.map((code) => [code, statusAfter(code)]))).toEqual({
      LC: 'label_created', PU: 'in_transit', IT: 'in_transit', OD: 'out_for_delivery', DL: 'delivered',
      'EX-ADDR': 'exception', 'EX-DMG': 'exception', 'EX-DLY': 'exception', RS: 'returned', VD: 'voided',
    });
  });

  it("derives a parcel's status from its latest event", () => {
    expect(statusOf([])).toBe('label_created');
    expect(statusOf(history('LC', 'PU', 'IT', 'IT'))).toBe('in_transit');
    expect(statusOf(history('LC', 'PU', 'IT', 'EX-DLY'))).toBe('exception');
    expect(statusOf(history('LC', 'PU', 'IT', 'EX-DLY', 'IT'))).toBe('in_transit');
    expect(statusOf(history('LC', 'PU', 'IT', 'OD', 'EX-ADDR', 'RS'))).toBe('returned');
    expect(statusOf(history('LC', 'VD'))).toBe('voided');
  });

  it('knows its own vocabulary only', () => {
    expect(isEventCode('EX-DMG')).toBe(true);
    expect(isEventCode('SHIPPED')).toBe(false);
  });
});

describe('default steps', () => {
  const codes = (events: Array<{ code: EventCode }>): EventCode | undefined => nextStep(events, { shipFrom: FROM, shipTo: TO })?.code;

  it('walks LC → PU → IT → IT → OD → DL, then stops', () => {
    const walked: EventCode[] = ['LC'];
    for (let step = codes(history(...walked)); step; step = codes(history(...walked))) walked.push(step);
    expect(walked).toEqual(['LC', 'PU', 'IT', 'IT', 'OD', 'DL']);
  });

  it('goes on after an exception from where the parcel was', () => {
    expect(codes(history('LC', 'PU', 'IT', 'EX-DLY'))).toBe('IT');
    expect(codes(history('LC', 'PU', 'IT', 'IT', 'OD', 'EX-ADDR'))).toBe('DL');
  });

  it('has no step for a delivered, returned or voided parcel', () => {
    expect(codes(history('LC', 'VD'))).toBeUndefined();
    expect(codes(history('LC', 'PU', 'RS'))).toBeUndefined();
  });

  it('places pickup at the origin and delivery at the destination', () => {
    expect(nextStep(history('LC'), { shipFrom: FROM, shipTo: TO })?.location).toMatchObject({ city: 'Newark', country: 'US' });
    expect(nextStep(history('LC', 'PU', 'IT', 'IT', 'OD'), { shipFrom: FROM, shipTo: TO })?.location).toMatchObject({ city: 'Portland' });
  });
});
