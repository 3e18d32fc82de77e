/**
 * The Devices page's pure helpers: a key's state in words (current, retiring, retired,
 * revoked; the end of the overlap itself counts as retired, as in `keyVerdict`) and the
 * rotation form's overlap in hours (blank is the hub's default; negative, too long or
 * not a number is refused).
 */
import { describe, expect, it } from 'vitest';
import { keyState } from '../../src/admin/device-key-state.js';
import { hoursText, overlapFromHours } from '../../src/admin/overlap-hours.js';
import { keyVerdict, type Device } from '../../src/devices/device-record.js';

const NOW = new Date('2026-12-05T10:00:00.000Z');

describe('keyState', () => {
  it('names each state with its time, agreeing with keyVerdict at the end of the overlap', () => {
    const created = '2026-12-01T00:00:00.000Z';
    expect(keyState({ keyId: 'k.a', createdAt: created }, NOW)).toEqual({ state: 'current' });
    expect(keyState({ keyId: 'k.b', createdAt: created, retiresAt: '2026-12-05T10:00:01.000Z' }, NOW)).toEqual({ state: 'retiring', at: '2026-12-05T10:00:01.000Z' });
    const ending = { keyId: 'k.c', createdAt: created, retiresAt: NOW.toISOString() };
    expect(keyState(ending, NOW)).toEqual({ state: 'retired', at: NOW.toISOString() });
    const device: Device = { id: 'k', store: 'S01', createdAt: created, keys: [ending] };
    expect(keyVerdict(device, 'k.c', NOW).ok).toBe(false);
    expect(keyState({ ...ending, revokedAt: '2026-12-04T00:00:00.000Z' }, NOW)).toEqual({ state: 'revoked', at: '2026-12-04T00:00:00.000Z' });
  });
});

describe('overlapFromHours', () => {
  it('turns hours into whole seconds, blank into the default', () => {
    expect(overlapFromHours(undefined)).toEqual({ ok: true, seconds: undefined });
    expect(overlapFromHours(' ')).toEqual({ ok: true, seconds: undefined });
    expect(overlapFromHours('0')).toEqual({ ok: true, seconds: 0 });
    expect(overlapFromHours('1.5')).toEqual({ ok: true, seconds: 5400 });
    expect(overlapFromHours('720')).toEqual({ ok: true, seconds: 2_592_000 });
  });

  it('refuses negative, too long and non-numbers', () => {
    for (const text of ['-1', '721', 'soon', 'Infinity', '1e9']) expect(overlapFromHours(text).ok, text).toBe(false);
  });

  it('shows seconds as hours for the form', () => {
    expect(hoursText(86_400)).toBe('24');
    expect(hoursText(5400)).toBe('1.5');
    expect(hoursText(0)).toBe('0');
  });
});
