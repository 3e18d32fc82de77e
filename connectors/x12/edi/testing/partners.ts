/**
 * The sample partner profiles (`samples/partners.json`) and the fixed moment and control
 * numbers the golden files are written with.
 */
import type { PartnerProfile } from '../write-interchange.js';
import { sampleJson } from './golden-file.js';

const partners = sampleJson<{ harborline: PartnerProfile; meridian: PartnerProfile }>('partners.json');

/** Harborline Home & Garden: 004010, `*` `>` `~`, a newline after each segment. */
export const HARBORLINE: PartnerProfile = partners.harborline;
/** Meridian Hardware Cooperative: 005010, `*` `:` `~` `^`, all on one line. */
export const MERIDIAN: PartnerProfile = partners.meridian;

export const FIXED_DATE = new Date('2024-03-11T16:30:00Z');
export const FIXED_CONTROLS = { interchange: 900001, group: 900001 } as const;
