/**
 * Postal-code coordinates: the shipped table (data/postal-coordinates.csv) loads once,
 * `locate` takes the longest matching prefix whatever the case and spacing, distances
 * between located codes are plausible, bad rows are named by line, and the file is
 * exactly what its generator writes.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { distanceKm } from '../../src/inventory/distance.js';
import {
  defaultPostalCoordinatesFile, loadPostalCoordinates, postalCoordinatesFromCsv, type PostalCoordinates, type PostalLocation,
} from '../../src/inventory/postal-coordinates.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
let table: PostalCoordinates;

beforeAll(async () => {
  table = await loadPostalCoordinates();
});

function located(country: string, postalCode: string): PostalLocation {
  const found = table.locate(country, postalCode);
  if (!found) throw new Error(`${country} ${postalCode} not located`);
  return found;
}

describe('the shipped table', () => {
  it('is data/postal-coordinates.csv and loads once', async () => {
    expect(defaultPostalCoordinatesFile()).toBe(join(repoRoot, 'data', 'postal-coordinates.csv'));
    expect(await loadPostalCoordinates()).toBe(table);
    expect(table.size).toBeGreaterThan(1000);
  });

  it('covers every US 3-digit ZIP prefix in use on the mainland, e.g. 005, 100, 606, 900, 999', () => {
    for (const zip of ['00501', '10001', '60601', '77001', '90001', '99501']) expect(located('US', zip).matched).toBe(zip.slice(0, 3));
  });

  it('is in step with its generator', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'postal-coordinates-'));
    try {
      const out = join(folder, 'postal-coordinates.csv');
      await promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/data/generate-postal-coordinates.ts', '--out', out], { cwd: repoRoot });
      expect((await readFile(out)).equals(await readFile(defaultPostalCoordinatesFile()))).toBe(true);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});

describe('locate', () => {
  it('finds a US ZIP by its 3-digit prefix, with or without ZIP+4 and spaces', () => {
    expect(located('US', '10001')).toMatchObject({ place: 'New York NY', matched: '100' });
    expect(located('us', ' 07302-1234 ').matched).toBe('073');
    expect(located('US', '07302').place).toBe('Jersey City NJ');
  });

  it('takes the longest prefix: a UK postcode area of two letters before one of one', () => {
    expect(located('GB', 'sw1a 1aa')).toMatchObject({ matched: 'SW', place: 'London SW' });
    expect(located('GB', 'SA1 1AA')).toMatchObject({ matched: 'SA', place: 'Swansea' });
    expect(located('GB', 'S1 2GH')).toMatchObject({ matched: 'S', place: 'Sheffield' });
  });

  it('reads UK as GB', () => {
    expect(located('UK', 'M1 1AE').place).toBe('Manchester');
  });

  it('tells Calgary from Edmonton and places the rest of Canada by first letter', () => {
    expect(located('CA', 't2p 1j9')).toMatchObject({ matched: 'T2', place: 'Calgary AB' });
    expect(located('CA', 'T5J 0N3')).toMatchObject({ matched: 'T5', place: 'Edmonton AB' });
    expect(located('CA', 'T0L 1A0')).toMatchObject({ matched: 'T', place: 'Red Deer AB' });
    expect(located('CA', 'M5V 2T6')).toMatchObject({ matched: 'M', place: 'Toronto ON' });
  });

  it('places a German code by its first digit', () => {
    expect(located('DE', '10115')).toMatchObject({ matched: '1', place: 'Berlin' });
    expect(located('de', '80331')).toMatchObject({ matched: '8', place: 'Muenchen' });
  });

  it('is undefined for a country the table lacks, an empty code or a code no prefix matches', () => {
    expect(table.locate('FR', '75001')).toBeUndefined();
    expect(table.locate('US', '')).toBeUndefined();
    expect(table.locate('US', 'ABCDE')).toBeUndefined();
    expect(table.locate('GB', '12345')).toBeUndefined();
  });
});

describe('distances between located codes', () => {
  it('New York 100xx is under 50 km from a DC at 07302', () => {
    expect(distanceKm(located('US', '10001'), located('US', '07302'))).toBeLessThan(50);
  });

  it('New York 100xx is 3,500–4,200 km from a DC at 90001', () => {
    const km = distanceKm(located('US', '10001'), located('US', '90001'));
    expect(km).toBeGreaterThan(3500);
    expect(km).toBeLessThan(4200);
  });

  it('London SW to Manchester is about 260 km, Berlin to Munich about 500 km', () => {
    expect(distanceKm(located('GB', 'SW1A 1AA'), located('GB', 'M1 1AE'))).toBeGreaterThan(230);
    expect(distanceKm(located('GB', 'SW1A 1AA'), located('GB', 'M1 1AE'))).toBeLessThan(290);
    expect(distanceKm(located('DE', '10115'), located('DE', '80331'))).toBeGreaterThan(470);
    expect(distanceKm(located('DE', '10115'), located('DE', '80331'))).toBeLessThan(530);
  });

  it('is zero from a point to itself and the same both ways', () => {
    const a = located('US', '60601');
    const b = located('US', '98101');
    expect(distanceKm(a, a)).toBe(0);
    expect(distanceKm(a, b)).toBeCloseTo(distanceKm(b, a), 9);
  });

  it('is half the Earth’s circumference between antipodes', () => {
    expect(distanceKm({ lat: 0, lon: 0 }, { lat: 0, lon: 180 })).toBeCloseTo(Math.PI * 6371.0088, 6);
  });
});

describe('postalCoordinatesFromCsv', () => {
  const csv = (text: string) => Buffer.from(text, 'utf8');

  it('reads a table of another shape: finer prefixes win over coarser ones', () => {
    const own = postalCoordinatesFromCsv(csv('country,prefix,lat,lon,place\nus,1,40,-74,Northeast\nUS,100,40.78,-73.97,"New York, NY"\n'));
    expect(own.size).toBe(2);
    expect(own.locate('US', '10001')).toEqual({ lat: 40.78, lon: -73.97, place: 'New York, NY', matched: '100' });
    expect(own.locate('US', '14201')?.place).toBe('Northeast');
  });

  it('names every bad line', () => {
    const bad = 'country,prefix,lat,lon,place\nUSA,100,40,-74,x\nUS,,40,-74,x\nUS,101,95,-74,x\nUS,102,40,,x\nUS,103,40,-74,x\nUS,103,41,-74,y\n';
    expect(() => postalCoordinatesFromCsv(csv(bad), 'coords.csv')).toThrow(
      'coords.csv: line 2: country "USA" is not a two-letter ISO code; line 3: prefix "" is not letters and digits; '
      + 'line 4: lat "95" is not a latitude; line 5: lon "" is not a longitude; line 7: US 103 is listed twice',
    );
  });

  it('refuses a file that is not there, and tries again on the next call', async () => {
    const missing = join(tmpdir(), 'no-such-postal-coordinates.csv');
    const first = loadPostalCoordinates(missing);
    await expect(first).rejects.toThrow(/ENOENT/);
    const second = loadPostalCoordinates(missing);
    expect(second).not.toBe(first);
    await expect(second).rejects.toThrow(/ENOENT/);
  });
});
