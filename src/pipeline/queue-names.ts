/**
 * The queue topology: one normalize queue, one delivery queue per target instance
 * (so a slow or broken target never blocks another), one notify queue per notifying
 * instance, one payment queue per payment gateway, and one queue for scheduled polls.
 */
export const NORMALIZE_QUEUE = 'normalize';
export const POLL_QUEUE = 'poll';

export function deliverQueue(target: string): string {
  return `deliver-${target}`;
}

export function notifyQueue(instance: string): string {
  return `notify-${instance}`;
}

export function paymentQueue(gateway: string): string {
  return `payment-${gateway}`;
}
