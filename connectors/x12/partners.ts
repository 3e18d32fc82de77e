/**
 * The trading partners of an instance: who sent an interchange (its ISA sender), who an
 * HTTP token belongs to, and the partner an order came from (its short id is the order's
 * `customer.accountNumber`). Settings that could mix two partners up, or that send to a
 * mailbox the instance does not have, are refused when the instance starts.
 */
import { PermanentError } from '../../src/sdk/index.js';
import type { X12Config, X12Identity, X12Partner } from './config.js';

/** The partner whose interchange id sent this (ids compared trimmed, without regard to case). */
export function partnerBySender(config: X12Config, sender: X12Identity): X12Partner | undefined {
  return config.partners.find((partner) => sameIdentity(partner.interchange, sender));
}

export function partnerById(config: X12Config, id: string): X12Partner | undefined {
  return config.partners.find((partner) => partner.id === id);
}

export function sameIdentity(a: X12Identity, b: X12Identity): boolean {
  return fold(a.qualifier) === fold(b.qualifier) && fold(a.id) === fold(b.id);
}

/** How the partner is named in messages: its name, else its id. */
export function partnerLabel(partner: X12Partner): string {
  return partner.name ?? partner.id;
}

/** The application code the partner's groups carry, and ours. */
export function partnerApplicationCode(partner: X12Partner): string {
  return partner.applicationCode ?? partner.interchange.id;
}

export function ourApplicationCode(config: X12Config): string {
  return config.applicationCode ?? config.interchange.id;
}

export function checkPartners(config: X12Config): void {
  const problems: string[] = [];
  const ids = new Set<string>();
  const senders = new Set<string>();
  for (const partner of config.partners) {
    if (ids.has(partner.id)) problems.push(`partner id "${partner.id}" is used twice`);
    ids.add(partner.id);
    const sender = `${fold(partner.interchange.qualifier)}/${fold(partner.interchange.id)}`;
    if (senders.has(sender)) problems.push(`interchange id ${partner.interchange.qualifier}/${partner.interchange.id} belongs to two partners`);
    senders.add(sender);
    if (sameIdentity(partner.interchange, config.interchange)) problems.push(`partner "${partner.id}" has our own interchange id`);
    problems.push(...separatorProblems(partner));
    if (partner.sendTo?.via === 'sftp' && !config.mailbox) problems.push(`partner "${partner.id}" is sent to over SFTP, but the instance has no mailbox`);
  }
  if (problems.length > 0) {
    throw new PermanentError(`X12 settings are not usable: ${problems.join('; ')}`, {
      code: 'X12_SETTINGS', hint: 'fix settings.partners (one profile per partner, distinct separators) and start the hub again',
    });
  }
}

function separatorProblems(partner: X12Partner): string[] {
  const { element, component, segment, repetition } = partner.separators;
  const used = partner.version === '005010' ? [element, component, segment, repetition] : [element, component, segment];
  const problems: string[] = [];
  if (new Set(used).size !== used.length) problems.push(`partner "${partner.id}": its separators must all differ`);
  if (used.some((s) => /[A-Za-z0-9 ]/.test(s))) problems.push(`partner "${partner.id}": a separator cannot be a letter, digit or space`);
  return problems;
}

function fold(value: string): string {
  return value.trim().toUpperCase();
}
