/**
 * Settings of an X12 EDI instance, as JSON Schema (drives validation and docs) and the
 * matching TypeScript type: who we are in the interchange envelopes, the trading
 * partners with their profiles (ids, version, separators, which documents they take,
 * how long they have to acknowledge), and optionally the SFTP mailbox where partners
 * drop interchanges and pick up ours.
 */
import type { SftpSettings } from '../../src/sdk/index.js';

/** An interchange id: ISA05/ISA06 (sender) or ISA07/ISA08 (receiver). */
export interface X12Identity {
  /** ID qualifier: `01` DUNS, `12` phone, `14` DUNS+4, `ZZ` mutually defined, … */
  qualifier: string;
  id: string;
}

export interface X12Separators {
  element: string;
  component: string;
  segment: string;
  /** 005010 only: the repetition separator (ISA11). */
  repetition: string;
}

export type OutboundDocument = '855' | '856' | '810';

/** Where our documents for a partner go: a folder of the instance's SFTP mailbox, or an HTTP URL. */
export type PartnerDestination = { via: 'sftp'; folder: string } | { via: 'http'; url: string };

export interface X12Partner {
  /** Short name: dedup keys, file names and control-number series use it. */
  id: string;
  name?: string;
  /** The partner's interchange id, as in ISA05/ISA06 of what it sends. */
  interchange: X12Identity;
  /** GS02 of what it sends and GS03 of what we send it (default: its interchange id). */
  applicationCode?: string;
  version: '004010' | '005010';
  separators: X12Separators;
  /** `P` production or `T` test: interchanges with the other indicator are refused (TA1 020). */
  usage: 'P' | 'T';
  /** The documents the partner takes as its orders move. */
  documents: OutboundDocument[];
  /** The partner acknowledges each document we send (997) within this; later is an alert. */
  acknowledgeWithinMinutes: number;
  /** Bearer token the partner sends when it POSTs interchanges over HTTP (from the environment). */
  token?: string;
  /** Where 997s (of interchanges read from SFTP) and our documents go; without it, nothing is sent. */
  sendTo?: PartnerDestination;
  /** The currency of its orders when an 850 has no CUR segment. */
  currency: string;
}

export interface X12Mailbox extends Omit<SftpSettings, 'root' | 'label'> {
  timeoutMs: number;
  /** Where partners drop interchanges. */
  inbox: string;
  /** Sub-folder of the inbox for interchanges read and recorded. */
  archiveFolder: string;
  pollIntervalMs: number;
}

export interface X12Config {
  /** Our interchange id: ISA07/ISA08 of what partners send, ISA05/ISA06 of what we send. */
  interchange: X12Identity;
  /** GS03 of what partners send and GS02 of what we send (default: our interchange id). */
  applicationCode?: string;
  partners: X12Partner[];
  mailbox?: X12Mailbox;
  /** Largest interchange taken, bytes. */
  maxInterchangeBytes: number;
  /** No answer from a partner's URL within this is a transient failure. */
  timeoutMs: number;
}

const identity = {
  type: 'object',
  additionalProperties: false,
  required: ['qualifier', 'id'],
  properties: {
    qualifier: { type: 'string', pattern: '^[0-9A-Z]{2}$', description: 'ID qualifier (ISA05/ISA07): 01 DUNS, 12 phone, 14 DUNS+4, ZZ mutually defined, …' },
    id: { type: 'string', pattern: '^[ -~]{1,15}$', description: 'Interchange id (ISA06/ISA08), up to 15 characters.' },
  },
} as const;

const separator = (fallback: string, description: string) => ({ type: 'string', minLength: 1, maxLength: 1, default: fallback, description }) as const;

const partner = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'interchange'],
  properties: {
    id: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]{0,39}$', description: 'Short name of the partner (dedup keys, file names, control-number series).' },
    name: { type: 'string', minLength: 1, maxLength: 200, description: 'How people call the partner (logs, timeline, alerts).' },
    interchange: { ...identity, description: "The partner's interchange id (ISA05/ISA06 of what it sends)." },
    applicationCode: { type: 'string', pattern: '^[ -~]{2,15}$', description: 'GS02 of what it sends, GS03 of what we send it (default: its interchange id).' },
    version: { enum: ['004010', '005010'], default: '004010', description: 'X12 version of the documents we send it (it may send either).' },
    separators: {
      type: 'object', additionalProperties: false, default: {},
      description: 'Separators of the documents we send it (what it sends declares its own in its ISA).',
      properties: {
        element: separator('*', 'Element separator.'),
        component: separator(':', 'Component element separator (ISA16).'),
        segment: separator('~', 'Segment terminator.'),
        repetition: separator('^', 'Repetition separator (ISA11, 005010 only).'),
      },
    },
    usage: { enum: ['P', 'T'], default: 'P', description: 'P production or T test (ISA15): interchanges with the other indicator are refused.' },
    documents: {
      type: 'array', uniqueItems: true, items: { enum: ['855', '856', '810'] }, default: ['855', '856', '810'],
      description: 'Documents the partner takes as its orders move: 855 acknowledgement, 856 ship notice, 810 invoice.',
    },
    acknowledgeWithinMinutes: { type: 'number', exclusiveMinimum: 0, maximum: 43200, default: 1440, description: 'Minutes (fractions allowed) the partner has to send a 997 for each document; later fires the ack_overdue alert.' },
    token: { type: 'string', minLength: 16, 'x-secret': true, description: 'Bearer token of the partner\'s HTTP posts (Authorization: Bearer …).' },
    sendTo: {
      description: 'Where 997s of interchanges read from the mailbox and our documents go: { "via": "sftp", "folder": "/to-acme" } or { "via": "http", "url": "https://…" }. Without it, nothing is sent.',
      oneOf: [
        { type: 'object', additionalProperties: false, required: ['via', 'folder'], properties: { via: { const: 'sftp' }, folder: { type: 'string', pattern: '^/' } } },
        { type: 'object', additionalProperties: false, required: ['via', 'url'], properties: { via: { const: 'http' }, url: { type: 'string', pattern: '^https?://' } } },
      ],
    },
    currency: { type: 'string', pattern: '^[A-Z]{3}$', default: 'USD', description: 'Currency of its orders when an 850 has no CUR segment.' },
  },
} as const;

export const configSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['interchange', 'partners'],
  properties: {
    interchange: { ...identity, description: 'Our interchange id: the receiver of what partners send, the sender of what we send.' },
    applicationCode: { type: 'string', pattern: '^[ -~]{2,15}$', description: 'GS03 of what partners send and GS02 of what we send (default: our interchange id).' },
    partners: { type: 'array', minItems: 1, items: partner, description: 'The trading partners, one profile each.' },
    mailbox: {
      type: 'object',
      additionalProperties: false,
      required: ['host', 'username', 'hostKeyFingerprint'],
      description: 'An SFTP mailbox (a VAN or a partner\'s server) where partners drop interchanges; read every pollIntervalMs.',
      properties: {
        host: { type: 'string', minLength: 1, description: 'SFTP server host name or address.' },
        port: { type: 'integer', minimum: 1, maximum: 65535, default: 22 },
        username: { type: 'string', minLength: 1 },
        password: { type: 'string', minLength: 1, 'x-secret': true, description: 'Password authentication (or use privateKey).' },
        privateKey: { type: 'string', minLength: 1, 'x-secret': true, description: 'Private key (OpenSSH or PEM text).' },
        passphrase: { type: 'string', minLength: 1, 'x-secret': true },
        hostKeyFingerprint: { type: 'string', pattern: '^SHA256:[A-Za-z0-9+/]{43}$', description: "The server's host key, pinned (ssh-keygen -l -E sha256)." },
        timeoutMs: { type: 'integer', minimum: 100, default: 15000 },
        inbox: { type: 'string', pattern: '^/', default: '/inbound', description: 'Folder partners drop interchanges in.' },
        archiveFolder: { type: 'string', pattern: '^[A-Za-z0-9._-]+$', default: 'archive', description: 'Sub-folder of the inbox for interchanges read and recorded.' },
        pollIntervalMs: { type: 'integer', minimum: 100, default: 15000, description: 'How often the inbox is read.' },
      },
      anyOf: [{ required: ['password'] }, { required: ['privateKey'] }],
    },
    maxInterchangeBytes: { type: 'integer', minimum: 1024, maximum: 52428800, default: 5242880, description: 'Largest interchange taken (bytes).' },
    timeoutMs: { type: 'integer', minimum: 100, maximum: 120000, default: 10000, description: 'No answer from a partner\'s URL within this is a transient failure.' },
  },
} as const;
