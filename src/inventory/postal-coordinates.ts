/**
 * Roughly where a postal code is: the longest prefix of it found in a coordinates table
 * (data/postal-coordinates.csv: country, prefix, lat, lon, place), so routing can rank
 * distribution centres by distance. Only as fine as the table: the shipped one places a
 * whole US 3-digit ZIP area, UK postcode area or Canadian province at one town (see
 * scripts/data/generate-postal-coordinates.ts); a licensed table in the same format
 * drops in. The file is read once per path and kept as a map.
 */
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readCsvTable } from '../sdk/csv-table.js';

export interface PostalLocation {
  lat: number;
  lon: number;
  /** The town that stands for the matched area, e.g. `Jersey City NJ`. */
  place: string;
  /** The table prefix that matched, e.g. `073` for 07302. */
  matched: string;
}

export interface PostalCoordinates {
  /** The longest table prefix of the code for that country, or undefined. */
  locate(country: string, postalCode: string): PostalLocation | undefined;
  /** How many prefixes the table holds. */
  readonly size: number;
}

type PrefixTable = Map<string, Map<string, PostalLocation>>;

const here = dirname(fileURLToPath(import.meta.url));
const runningFromSource = import.meta.url.endsWith('.ts');

/** data/postal-coordinates.csv at the project root (from the source tree and from `dist/`). */
export function defaultPostalCoordinatesFile(): string {
  return resolve(here, ...(runningFromSource ? ['..', '..'] : ['..', '..', '..']), 'data', 'postal-coordinates.csv');
}

/** ISO 3166-1 alpha-2 in upper case; `UK`, which people write, is `GB`. */
export function normaliseCountry(country: string): string {
  const code = country.trim().toUpperCase();
  return code === 'UK' ? 'GB' : code;
}

/** Upper case without spaces or hyphens: `sw1a 1aa` → `SW1A1AA`, `07302-1234` → `073021234`. */
export function normalisePostalCode(postalCode: string): string {
  return postalCode.toUpperCase().replace(/[\s-]+/g, '');
}

const loaded = new Map<string, Promise<PostalCoordinates>>();

/** Reads the table once per path; later calls share it (a failed read is tried again). */
export function loadPostalCoordinates(file = defaultPostalCoordinatesFile()): Promise<PostalCoordinates> {
  const path = resolve(file);
  const cached = loaded.get(path);
  if (cached) return cached;
  const loading = readFile(path).then((bytes) => postalCoordinatesFromCsv(bytes, path));
  loaded.set(path, loading);
  loading.catch(() => loaded.delete(path));
  return loading;
}

/** The table from CSV bytes; throws naming every bad line. */
export function postalCoordinatesFromCsv(bytes: Buffer, source = 'postal coordinates'): PostalCoordinates {
  const table = readCsvTable(bytes, { delimiter: ',', maxRows: 1_000_000 });
  const prefixes: PrefixTable = new Map();
  const problems = [...table.problems];
  for (const row of table.rows) {
    const problem = addRow(prefixes, row.cells);
    if (problem) problems.push(`line ${row.line}: ${problem}`);
  }
  if (problems.length > 0) throw new Error(`${source}: ${problems.slice(0, 10).join('; ')}${problems.length > 10 ? `; and ${problems.length - 10} more` : ''}`);
  return lookupOver(prefixes);
}

/** Adds one row; returns what is wrong with it instead, if anything. */
function addRow(prefixes: PrefixTable, cells: Record<string, string>): string | undefined {
  const country = normaliseCountry(cells.country ?? '');
  const prefix = normalisePostalCode(cells.prefix ?? '');
  const lat = Number(cells.lat);
  const lon = Number(cells.lon);
  const place = (cells.place ?? '').trim();
  if (!/^[A-Z]{2}$/.test(country)) return `country "${cells.country ?? ''}" is not a two-letter ISO code`;
  if (!/^[A-Z0-9]+$/.test(prefix)) return `prefix "${cells.prefix ?? ''}" is not letters and digits`;
  if (cells.lat?.trim() === '' || !(Math.abs(lat) <= 90)) return `lat "${cells.lat ?? ''}" is not a latitude`;
  if (cells.lon?.trim() === '' || !(Math.abs(lon) <= 180)) return `lon "${cells.lon ?? ''}" is not a longitude`;
  const byPrefix = prefixes.get(country) ?? prefixes.set(country, new Map()).get(country)!;
  if (byPrefix.has(prefix)) return `${country} ${prefix} is listed twice`;
  byPrefix.set(prefix, { lat, lon, place, matched: prefix });
  return undefined;
}

function lookupOver(prefixes: PrefixTable): PostalCoordinates {
  const longest = new Map([...prefixes].map(([country, byPrefix]) => [country, Math.max(...[...byPrefix.keys()].map((p) => p.length))]));
  return {
    size: [...prefixes.values()].reduce((sum, byPrefix) => sum + byPrefix.size, 0),
    locate(country, postalCode) {
      const code = normaliseCountry(country);
      const byPrefix = prefixes.get(code);
      const normalised = normalisePostalCode(postalCode);
      for (let length = Math.min(normalised.length, longest.get(code) ?? 0); length > 0; length--) {
        const found = byPrefix?.get(normalised.slice(0, length));
        if (found) return found;
      }
      return undefined;
    },
  };
}
