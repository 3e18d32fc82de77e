/** Tracking links: the shipment's own URL, else the carrier's template; only http(s). */
import { describe, expect, it } from 'vitest';
import { trackingLink } from './tracking-link.js';

const carriers = {
  UPS: 'https://www.ups.com/track?tracknum={trackingNumber}',
  'DHL Express': 'https://www.dhl.com/en/express/tracking.html?AWB={trackingNumber}&brand=DHL',
};

describe('trackingLink', () => {
  it('uses the shipment’s own tracking URL first', () => {
    const own = 'https://track.example/parcels/1Z999?lang=en';
    expect(trackingLink({ carrier: 'UPS', trackingNumber: '1Z999', trackingUrl: own }, carriers)).toBe(own);
  });

  it('fills the carrier’s template otherwise, the carrier matched case-insensitively', () => {
    expect(trackingLink({ carrier: 'ups', trackingNumber: '1Z999AA10123456784' }, carriers))
      .toBe('https://www.ups.com/track?tracknum=1Z999AA10123456784');
    expect(trackingLink({ carrier: ' dhl express ', trackingNumber: '1234567890' }, carriers))
      .toBe('https://www.dhl.com/en/express/tracking.html?AWB=1234567890&brand=DHL');
  });

  it('URL-encodes the tracking number', () => {
    expect(trackingLink({ carrier: 'UPS', trackingNumber: 'AB 12/34&x=<y>#z' }, carriers))
      .toBe('https://www.ups.com/track?tracknum=AB%2012%2F34%26x%3D%3Cy%3E%23z');
  });

  it('is undefined for an unknown carrier, no carrier, or no tracking number', () => {
    expect(trackingLink({ carrier: 'Pigeon Post', trackingNumber: '42' }, carriers)).toBeUndefined();
    expect(trackingLink({ trackingNumber: '42' }, carriers)).toBeUndefined();
    expect(trackingLink({ carrier: 'UPS' }, carriers)).toBeUndefined();
    expect(trackingLink({ carrier: 'UPS', trackingNumber: '   ' }, carriers)).toBeUndefined();
    expect(trackingLink({ carrier: 'UPS', trackingNumber: '42' })).toBeUndefined();
  });

  it('never gives a link that is not http(s)', () => {
    expect(trackingLink({ carrier: 'UPS', trackingNumber: '42', trackingUrl: 'javascript:alert(1)' }, carriers))
      .toBe('https://www.ups.com/track?tracknum=42');
    expect(trackingLink({ carrier: 'Evil', trackingNumber: '42', trackingUrl: 'not a url' }, { Evil: 'javascript:go({trackingNumber})' }))
      .toBeUndefined();
  });
});
