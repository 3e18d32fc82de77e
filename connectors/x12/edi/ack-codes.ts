/**
 * The standard's acknowledgement codes, each with its meaning: TA1 interchange note codes
 * (TA105), functional group codes (997 AK905), transaction set codes (AK502), segment
 * syntax codes (AK304) and element syntax codes (AK403), plus the status codes of TA1,
 * AK5 and AK9. Messages and tests use the meanings; the writers use the codes.
 */

/** TA105: why an interchange is rejected (`000` is "no error"). */
export const TA1_NOTES = {
  '000': 'no error',
  '001': 'the interchange control number in the header and trailer do not match',
  '002': 'the standard in the control standards identifier is not supported',
  '003': 'this version of the controls is not supported',
  '004': 'the segment terminator is invalid',
  '005': 'invalid interchange id qualifier for sender',
  '006': 'invalid interchange sender id',
  '007': 'invalid interchange id qualifier for receiver',
  '008': 'invalid interchange receiver id',
  '010': 'invalid authorization information qualifier value',
  '011': 'invalid authorization information value',
  '012': 'invalid security information qualifier value',
  '013': 'invalid security information value',
  '014': 'invalid interchange date value',
  '015': 'invalid interchange time value',
  '016': 'invalid interchange standards identifier value',
  '017': 'invalid interchange version id value',
  '018': 'invalid interchange control number value',
  '019': 'invalid acknowledgment requested value',
  '020': 'invalid test indicator value',
  '021': 'invalid number of included groups value',
  '022': 'invalid control structure',
  '023': 'improper (premature) end-of-file (transmission)',
  '024': 'invalid interchange content',
  '026': 'invalid data element separator',
  '027': 'invalid component element separator',
} as const;
export type Ta1NoteCode = keyof typeof TA1_NOTES;

/** AK905…AK909: why a functional group is rejected. */
export const AK9_NOTES = {
  '1': 'functional group not supported',
  '2': 'functional group version not supported',
  '3': 'functional group trailer missing',
  '4': 'group control number in the functional group header and trailer do not agree',
  '5': 'number of included transaction sets does not match actual count',
  '6': 'group control number violates syntax',
} as const;
export type Ak9Code = keyof typeof AK9_NOTES;

/** AK502…AK506: why a transaction set is rejected or noted. */
export const AK5_NOTES = {
  '1': 'transaction set not supported',
  '2': 'transaction set trailer missing',
  '3': 'transaction set control number in header and trailer do not match',
  '4': 'number of included segments does not match actual count',
  '5': 'one or more segments in error',
  '6': 'missing or invalid transaction set identifier',
  '7': 'missing or invalid transaction set control number',
  '23': 'transaction set control number not unique within the functional group',
} as const;
export type Ak5Code = keyof typeof AK5_NOTES;

/** AK304: what is wrong with a segment. */
export const AK3_NOTES = {
  '1': 'unrecognized segment id',
  '2': 'unexpected segment',
  '3': 'mandatory segment missing',
  '4': 'loop occurs over maximum times',
  '5': 'segment exceeds maximum use',
  '6': 'segment not in defined transaction set',
  '7': 'segment not in proper sequence',
  '8': 'segment has data element errors',
} as const;
export type Ak3Code = keyof typeof AK3_NOTES;

/** AK403: what is wrong with a data element. */
export const AK4_NOTES = {
  '1': 'mandatory data element missing',
  '2': 'conditional required data element missing',
  '3': 'too many data elements',
  '4': 'data element too short',
  '5': 'data element too long',
  '6': 'invalid character in data element',
  '7': 'invalid code value',
  '8': 'invalid date',
  '9': 'invalid time',
  '10': 'exclusion condition violated',
} as const;
export type Ak4Code = keyof typeof AK4_NOTES;

/** TA104: A accepted, E accepted with errors, R rejected. */
export type InterchangeAckStatus = 'A' | 'E' | 'R';
/** AK501: A accepted, E accepted with errors, R rejected; M, W, X rejected for security reasons. */
export type SetAckStatus = 'A' | 'E' | 'R' | 'M' | 'W' | 'X';
/** AK901: as AK501, plus P partially accepted (some sets rejected). */
export type GroupAckStatus = SetAckStatus | 'P';
