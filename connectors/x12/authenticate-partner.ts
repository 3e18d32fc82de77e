/**
 * Who POSTed an interchange over HTTP: `Authorization: Bearer <token>` must be the token
 * of a configured partner (compared in constant time, against every partner's token, so
 * the time taken says nothing about which). The interchange's ISA sender must then be
 * that partner: a partner cannot send in another's name. Nothing is stored on a refusal.
 */
import { UnauthorizedError, secretsEqual, type InboundRequest } from '../../src/sdk/index.js';
import type { X12Config, X12Partner } from './config.js';

const BEARER = /^Bearer\s+(\S+)\s*$/i;

export function partnerOfToken(config: X12Config, request: InboundRequest): X12Partner {
  const token = BEARER.exec(request.headers.authorization ?? '')?.[1];
  if (!token) {
    throw new UnauthorizedError('the request carries no bearer token', {
      code: 'NO_TOKEN', hint: 'send Authorization: Bearer <the token agreed with the supplier for your interchange id>',
    });
  }
  let match: X12Partner | undefined;
  for (const partner of config.partners) {
    if (partner.token !== undefined && secretsEqual(token, partner.token) && !match) match = partner;
  }
  if (!match) {
    throw new UnauthorizedError('the bearer token is not one a trading partner of this supplier holds', {
      code: 'BAD_TOKEN', hint: 'send the token agreed with the supplier; ask them for a new one if it was rotated',
    });
  }
  return match;
}
