/**
 * The two X12 versions this library reads and writes (004010 and 005010) and how each
 * names itself: `00401`/`00501` in ISA12, `004010`/`005010` (perhaps with an industry
 * suffix such as `004010VICS`) in GS08.
 */

/** A version/release this library supports, as written in GS08. */
export type X12Version = '004010' | '005010';

export const SUPPORTED_VERSIONS: readonly X12Version[] = ['004010', '005010'];

/** ISA12 for a version: `00401` or `00501`. */
export function interchangeVersionOf(version: X12Version): '00401' | '00501' {
  return version === '004010' ? '00401' : '00501';
}

/** The supported version a GS08 value names (suffixes allowed), or undefined. */
export function supportedVersionOf(gs08: string): X12Version | undefined {
  return SUPPORTED_VERSIONS.find((version) => gs08.startsWith(version));
}

/** From ISA12 `00402` on, ISA11 is the repetition separator instead of the standards id `U`. */
export function usesRepetitionSeparator(isa12: string): boolean {
  return /^\d{5}$/.test(isa12) && isa12 >= '00402';
}
