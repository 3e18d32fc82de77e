/**
 * The failures page's filter (instance, stage, error kind) read from a query string or
 * a form, and written back as a query string (with an optional notice) for links and redirects.
 */
import type { FailureFilter } from '../pipeline/operator-actions.js';

const KEYS = ['instance', 'stage', 'errorKind'] as const;

export function readFailureFilter(source: Record<string, string | undefined>): FailureFilter {
  const filter: FailureFilter = {};
  for (const key of KEYS) {
    const value = source[key]?.trim();
    if (value) filter[key] = value;
  }
  return filter;
}

export function filterQuery(filter: FailureFilter, notice?: string): string {
  const params = new URLSearchParams();
  for (const key of KEYS) {
    const value = filter[key];
    if (value) params.set(key, value);
  }
  if (notice) params.set('notice', notice);
  const text = params.toString();
  return text ? `?${text}` : '';
}
