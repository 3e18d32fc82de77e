/**
 * The content check the 997 uses by default: the errors of the readers this library has
 * for received sets (the 850 purchase order); other sets are checked for their envelope only.
 */
import type { TransactionSet } from './envelope-types.js';
import { readPurchaseOrder850 } from './purchase-order-850.js';
import type { SegmentError } from './syntax-errors.js';

export function contentErrors(set: TransactionSet): readonly SegmentError[] {
  return set.id === '850' ? readPurchaseOrder850(set).errors : [];
}
