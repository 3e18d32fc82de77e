/**
 * Is the carrier reachable and does it take the API key? One cheap authenticated call,
 * a tracking look-up of no numbers (`GET /v1/tracking?numbers=`): 200, or 400 for the
 * empty list, means the key passed. Never throws; the detail says what to fix.
 */
import { isHubError, type CheckResult } from '../../src/sdk/index.js';
import type { ParcelCarrierConfig } from './config.js';
import { sendToCarrier } from './carrier-call.js';

export async function checkCarrier(config: ParcelCarrierConfig): Promise<CheckResult> {
  try {
    const response = await sendToCarrier(config, { method: 'GET', path: '/v1/tracking?numbers=', what: 'check' });
    return verdict(config.carrierName, response.status);
  } catch (error) {
    if (isHubError(error)) return { ok: false, detail: error.message };
    throw error;
  }
}

function verdict(carrier: string, status: number): CheckResult {
  if (status === 200 || status === 400) return { ok: true, detail: `${carrier} answered and accepted the API key` };
  if (status === 401 || status === 403) {
    return { ok: false, detail: `${carrier} refused the API key (HTTP ${status}): set apiKey of this instance to the carrier account's API key` };
  }
  if (status === 429) return { ok: false, detail: `${carrier} is rate-limiting this API key now (HTTP 429): check again in a minute` };
  return { ok: false, detail: `${carrier} answered HTTP ${status}${status >= 500 ? ': the carrier is down or busy' : ': check that url points at the carrier API (without /v1)'}` };
}
