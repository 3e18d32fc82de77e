/**
 * Is the gateway reachable and does it take the API key? One authenticated GET of
 * `/v1/account`; never throws, the detail says what to fix.
 */
import { isHubError, type CheckResult } from '../../src/sdk/index.js';
import type { PaymentGatewayConfig } from './config.js';
import { sendToGateway } from './gateway-call.js';

export async function checkGateway(config: PaymentGatewayConfig): Promise<CheckResult> {
  try {
    const response = await sendToGateway(config, { method: 'GET', path: '/v1/account', what: 'check' });
    if (response.status === 200) return { ok: true, detail: 'the gateway answered and accepted the API key' };
    if (response.status === 401 || response.status === 403) {
      return { ok: false, detail: `the gateway refused the API key (HTTP ${response.status}): set apiKey to the secret sk_ key` };
    }
    return { ok: false, detail: `the gateway answered HTTP ${response.status}` };
  } catch (error) {
    if (isHubError(error)) return { ok: false, detail: error.message };
    throw error;
  }
}
