/**
 * The instance settings the x12 unit tests share: us (CEDARBROOKOS, as in the samples)
 * and the two sample partners, Harborline (004010) and Meridian (005010).
 */
import type { X12Config, X12Partner } from './config.js';

const SEPARATORS = { element: '*', component: ':', segment: '~', repetition: '^' };

export function samplePartner(id: 'harborline' | 'meridian', more: Partial<X12Partner> = {}): X12Partner {
  const harbor = id === 'harborline';
  return {
    id, name: harbor ? 'Harborline Home & Garden' : 'Meridian Co-op', interchange: { qualifier: 'ZZ', id: harbor ? 'HARBORLINEHG' : 'MERIDIANCOOP' },
    version: harbor ? '004010' : '005010', separators: SEPARATORS, usage: 'P', documents: ['855', '856', '810'], acknowledgeWithinMinutes: 60, currency: 'USD',
    ...more,
  };
}

export function sampleConfig(partners: X12Partner[] = [samplePartner('harborline'), samplePartner('meridian')]): X12Config {
  return { interchange: { qualifier: 'ZZ', id: 'CEDARBROOKOS' }, partners, maxInterchangeBytes: 1_000_000, timeoutMs: 1000 };
}
