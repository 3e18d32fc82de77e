/**
 * Hands out the carrier's tracking numbers one serial after another, in the configured
 * format, with their public tracking URLs.
 */
import { makeTrackingNumber, trackingUrl } from './tracking-numbers.js';
import type { ServiceLevel, TrackingFormat } from './types.js';

export interface IssuedNumber {
  trackingNumber: string;
  trackingUrl: string;
}

export class TrackingIssuer {
  readonly #format: TrackingFormat;
  readonly #shipperNumber: string | undefined;
  #serial: number;

  constructor(format: TrackingFormat, firstSerial: number, shipperNumber?: string) {
    this.#format = format;
    this.#serial = firstSerial;
    this.#shipperNumber = shipperNumber;
    makeTrackingNumber(format, firstSerial, this.#options('GROUND'));
  }

  issue(service: ServiceLevel): IssuedNumber {
    const trackingNumber = makeTrackingNumber(this.#format, this.#serial, this.#options(service));
    this.#serial += 1;
    return { trackingNumber, trackingUrl: trackingUrl(this.#format, trackingNumber) };
  }

  #options(service: ServiceLevel): { service: ServiceLevel; shipperNumber?: string } {
    return this.#shipperNumber === undefined ? { service } : { service, shipperNumber: this.#shipperNumber };
  }
}
