/**
 * Which transaction sets belong to which functional group (GS01), and which of them this
 * library takes: 850 in PO, 855 in PR, 856 in SH, 810 in IN and 997 in FA. A set id known
 * to belong to another group than its GS01 says is invalid (AK5 6); a set id this library
 * does not take is not supported (AK5 1); a group of another kind is not supported (AK9 1).
 */

/** Functional identifier codes (GS01) of the groups this library takes. */
export type FunctionalId = 'PO' | 'PR' | 'SH' | 'IN' | 'FA';

const SUPPORTED_SETS: Record<FunctionalId, readonly string[]> = {
  PO: ['850'], PR: ['855'], SH: ['856'], IN: ['810'], FA: ['997'],
};

/** The functional group of common transaction sets (beyond the supported ones). */
const GROUP_OF_SET: Record<string, string> = {
  '810': 'IN', '820': 'RA', '824': 'AG', '830': 'PS', '832': 'SC', '846': 'IB', '850': 'PO', '852': 'PD', '855': 'PR',
  '856': 'SH', '860': 'PC', '861': 'RC', '862': 'SS', '864': 'TX', '865': 'CA', '940': 'OW', '945': 'SW', '997': 'FA',
  '999': 'FA', '204': 'SM', '210': 'IM', '214': 'QM', '990': 'GF', '180': 'AN', '753': 'GB', '754': 'GB',
};

export function isSupportedGroup(functionalId: string): functionalId is FunctionalId {
  return Object.hasOwn(SUPPORTED_SETS, functionalId);
}

/** The functional identifier of the group a transaction set belongs in, when known. */
export function functionalIdOfSet(setId: string): string | undefined {
  return GROUP_OF_SET[setId];
}

/** How a transaction set id fits the group it came in. */
export type SetIdFit = 'supported' | 'not-supported' | 'invalid';

export function setIdFit(setId: string, functionalId: FunctionalId): SetIdFit {
  if (!/^\d{3}$/.test(setId)) return 'invalid';
  if (SUPPORTED_SETS[functionalId].includes(setId)) return 'supported';
  const home = GROUP_OF_SET[setId];
  return home !== undefined && home !== functionalId ? 'invalid' : 'not-supported';
}
