/**
 * A parcel's tracking number, linking to its carrier's tracking page when that is an
 * http(s) URL (outside data: never `javascript:`), opened without a referrer or opener.
 */
import { safeHttpUrl } from './safe-url.js';

export function TrackingLink({ trackingNumber, trackingUrl }: { trackingNumber: string | undefined; trackingUrl: string | undefined }) {
  const href = safeHttpUrl(trackingUrl);
  const label = trackingNumber ?? (href ? 'tracking page' : '—');
  return href ? <a href={href} rel="noopener noreferrer">{label}</a> : <span>{label}</span>;
}
