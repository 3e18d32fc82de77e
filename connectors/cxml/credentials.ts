/**
 * Who sent a cXML document: one of the `Header/From/Credential`s must be a configured
 * trading partner (identity and domain), and a `Header/Sender/Credential/SharedSecret`
 * must equal that partner's shared secret. Secrets are compared in constant time (over
 * their SHA-256 digests, so their lengths do not show either). Anything else is a 401
 * and nothing is stored.
 */
import { UnauthorizedError, secretsEqual } from '../../src/sdk/index.js';
import type { CxmlConfig, CxmlIdentity, CxmlPartner } from './config.js';
import { sameIdentity } from './partners.js';
import { attribute, child, list, text } from './xml-values.js';

interface Credential extends CxmlIdentity {
  sharedSecret?: string;
}

/** A stand-in compared when no partner matches, so an unknown identity costs the same time. */
const NO_SECRET = 'no partner has this identity';

export function authenticate(config: CxmlConfig, root: unknown): CxmlPartner {
  const header = child(root, 'Header');
  const from = credentials(header, 'From');
  const secrets = credentials(header, 'Sender').flatMap((c) => (c.sharedSecret === undefined ? [] : [c.sharedSecret]));
  if (from.length === 0 || secrets.length === 0) {
    throw new UnauthorizedError('the document carries no From credential or no Sender SharedSecret', {
      code: 'NO_CREDENTIALS', hint: 'send Header/From/Credential with your identity and Header/Sender/Credential/SharedSecret with the secret agreed with the supplier',
    });
  }
  const candidates = config.partners.filter((partner) => from.some((credential) => sameIdentity(credential, partner)));
  if (candidates.length === 0) {
    secrets.forEach((secret) => secretsEqual(secret, NO_SECRET));
    const named = from.map((c) => `${c.domain}:${c.identity}`).join(', ').slice(0, 200);
    throw new UnauthorizedError(`the From credential (${named}) is not a trading partner of this supplier`, {
      code: 'UNKNOWN_PARTNER', hint: 'send your own identity and domain in Header/From/Credential, as registered with the supplier',
    });
  }
  const partner = candidates.find((candidate) => secrets.some((secret) => secretsEqual(secret, candidate.sharedSecret)));
  if (!partner) {
    throw new UnauthorizedError('the Sender SharedSecret does not match the one agreed with this trading partner', {
      code: 'BAD_SHARED_SECRET', hint: 'put the shared secret agreed with the supplier in Header/Sender/Credential/SharedSecret',
    });
  }
  return partner;
}

/** The credentials of one party of the header (`From`, `To`, `Sender`). */
function credentials(header: unknown, party: string): Credential[] {
  return list(child(child(header, party), 'Credential')).flatMap((credential): Credential[] => {
    const identity = text(child(credential, 'Identity'));
    const domain = attribute(credential, 'domain');
    if (identity === undefined || domain === undefined) return [];
    const sharedSecret = text(child(credential, 'SharedSecret'));
    return [{ identity, domain, ...(sharedSecret === undefined ? {} : { sharedSecret }) }];
  });
}
