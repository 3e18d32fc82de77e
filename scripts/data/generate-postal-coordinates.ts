/**
 * Writes data/postal-coordinates.csv (columns country,prefix,lat,lon,place), the table
 * routing uses to tell which distribution centre is nearest to a ship-to postal code.
 * Built offline from the hand-kept table in ./postal-coordinates-table.ts:
 *
 *   npx tsx scripts/data/generate-postal-coordinates.ts [--out data/postal-coordinates.csv]
 *
 * How coarse it is, per country (one town's coordinates stand for a whole area):
 * - US: every 3-digit ZIP prefix, placed at the town of its mail-processing centre.
 *   Checked once against a public ZIP-centroid list: the ZIP3 centroid lies a median
 *   ~20 km from our point (90% within ~60 km), a single ZIP a median ~35 km (90% within
 *   ~90 km); rural Western ZIP3s, Alaska and Hawaii are off by 100–600 km.
 * - CA: the first letter of the postal code (a province or a part of one), Calgary and
 *   Edmonton told apart by the first two characters; outside the big cities expect
 *   errors of 100–300 km, and more in the North, Newfoundland and Labrador.
 * - GB: the postcode area (`SW`, `M`, `EH`…), all 121 placed at their post town: some
 *   tens of km, more in the Highlands and Islands.
 * - DE: the first digit (Leitzone, one or more states): up to ~200 km.
 * - NL: the first digit: up to ~100 km. AU: the first digit (the state), Canberra picked
 *   out: the big-city point only; rural addresses may be 1,000 km or more away.
 * Coordinates are rounded town centres (two decimals). Good enough to rank DCs that are
 * hundreds of km apart; not to tell two DCs in one metro area apart, and never a
 * delivery estimate. A real deployment would load a licensed geocoding table (postal
 * code centroids) written in the same format, with longer prefixes where it has them.
 */
import { writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { AREA_PREFIXES, US_ZIP3_RANGES, type AreaPrefix, type UsZip3Range } from './postal-coordinates-table.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** One row per ZIP3 of a range such as `100-102`. */
function expandUsRange([range, place, lat, lon]: UsZip3Range): AreaPrefix[] {
  const [first, last = first] = range.split('-').map(Number) as [number, number?];
  return Array.from({ length: last - first + 1 }, (_, i) => ['US', String(first + i).padStart(3, '0'), place, lat, lon] as const);
}

/** By country, then prefix, in code-point order (the same on every machine). */
function byCountryThenPrefix(a: AreaPrefix, b: AreaPrefix): number {
  const left = `${a[0]} ${a[1]}`;
  const right = `${b[0]} ${b[1]}`;
  return left < right ? -1 : left > right ? 1 : 0;
}

function postalCoordinateRows(): AreaPrefix[] {
  return [...AREA_PREFIXES, ...US_ZIP3_RANGES.flatMap(expandUsRange)].sort(byCountryThenPrefix);
}

function csvCell(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function renderPostalCoordinatesCsv(rows: readonly AreaPrefix[]): string {
  const lines = rows.map(([country, prefix, place, lat, lon]) => [country, prefix, lat.toFixed(2), lon.toFixed(2), csvCell(place)].join(','));
  return ['country,prefix,lat,lon,place', ...lines, ''].join('\n');
}

const { values } = parseArgs({ options: { out: { type: 'string', default: resolve(repoRoot, 'data', 'postal-coordinates.csv') } } });
const rows = postalCoordinateRows();
await writeFile(values.out!, renderPostalCoordinatesCsv(rows));
console.log(`${rows.length} prefixes written to ${values.out}`);
