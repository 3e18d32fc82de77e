/**
 * A reported shipment's carrier and tracking URL: filled from the tracking number when
 * missing, canonicalised when written as an alias, the OMS's word kept when explicit.
 */
import { describe, expect, it } from 'vitest';
import { withRecognisedCarrier } from '../../src/pipeline/shipment-carrier.js';

const UPS = '1Z999AA10123456784';
const UPS_URL = `https://www.ups.com/track?tracknum=${UPS}`;
const USPS = '9400111201080805483016';
const USPS_URL = `https://tools.usps.com/go/TrackConfirmAction?tLabels=${USPS}`;

describe('withRecognisedCarrier', () => {
  it('fills carrier and URL from the tracking number alone', () => {
    expect(withRecognisedCarrier({ trackingNumber: UPS })).toEqual({ carrier: 'UPS', trackingNumber: UPS, trackingUrl: UPS_URL });
    expect(withRecognisedCarrier({ trackingNumber: USPS })).toEqual({ carrier: 'USPS', trackingNumber: USPS, trackingUrl: USPS_URL });
  });

  it('keeps the tracking number as the OMS wrote it, and any other fields', () => {
    const shipment = withRecognisedCarrier({ trackingNumber: '1z 999 aa1 0123 456 784', shipmentId: 'S-1' });
    expect(shipment).toEqual({ carrier: 'UPS', trackingNumber: '1z 999 aa1 0123 456 784', trackingUrl: UPS_URL, shipmentId: 'S-1' });
  });

  it('canonicalises a known alias and fills the missing URL', () => {
    expect(withRecognisedCarrier({ carrier: 'United Parcel Service', trackingNumber: UPS })).toEqual({ carrier: 'UPS', trackingNumber: UPS, trackingUrl: UPS_URL });
    expect(withRecognisedCarrier({ carrier: 'fedex', trackingNumber: 'NOT-A-NUMBER' })).toEqual({ carrier: 'FedEx', trackingNumber: 'NOT-A-NUMBER' });
  });

  it('keeps the URL the OMS gave', () => {
    const url = 'https://oms.example.com/track/1';
    expect(withRecognisedCarrier({ trackingNumber: UPS, trackingUrl: url })).toEqual({ carrier: 'UPS', trackingNumber: UPS, trackingUrl: url });
    expect(withRecognisedCarrier({ carrier: 'ups', trackingNumber: UPS, trackingUrl: url })).toEqual({ carrier: 'UPS', trackingNumber: UPS, trackingUrl: url });
  });

  it('leaves an explicit carrier it does not know as the OMS said', () => {
    const shipment = { carrier: 'OnTrac', trackingNumber: UPS };
    expect(withRecognisedCarrier(shipment)).toEqual(shipment);
  });

  it('trusts a named carrier over the number, without a URL for the other carrier', () => {
    expect(withRecognisedCarrier({ carrier: 'FedEx', trackingNumber: USPS })).toEqual({ carrier: 'FedEx', trackingNumber: USPS });
  });

  it('never invents a URL for an unknown format', () => {
    expect(withRecognisedCarrier({ trackingNumber: '1ZPART1' })).toEqual({ trackingNumber: '1ZPART1' });
    expect(withRecognisedCarrier({ trackingNumber: '1Z999AA10123456785' })).toEqual({ trackingNumber: '1Z999AA10123456785' });
    expect(withRecognisedCarrier({})).toEqual({});
  });

  it('treats a blank carrier or URL as missing', () => {
    expect(withRecognisedCarrier({ carrier: ' ', trackingNumber: UPS, trackingUrl: '' })).toEqual({ carrier: 'UPS', trackingNumber: UPS, trackingUrl: UPS_URL });
  });
});
