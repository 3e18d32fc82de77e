/**
 * Puts one interchange where a partner takes it: a file in its folder of the
 * instance's SFTP mailbox (temp name, then renamed; the name comes from the control
 * number, so a retry replaces the same file), or an HTTP POST to its URL (2xx is done,
 * 5xx and no answer are transient, anything else permanent).
 */
import { httpRequest, openSftp, raiseForStatus, type SftpSettings } from '../../src/sdk/index.js';
import type { PartnerDestination, X12Mailbox } from './config.js';

export const X12_CONTENT_TYPE = 'application/edi-x12';

export interface OutgoingInterchange {
  /** File name in the partner's folder: `<partner>_<document>_<control number>.x12`. */
  fileName: string;
  text: string;
  /** For messages: "855 for order 01J… to Acme". */
  what: string;
}

export interface Transport {
  mailbox: X12Mailbox | undefined;
  label: string;
  timeoutMs: number;
}

export async function sendToPartner(transport: Transport, destination: PartnerDestination, outgoing: OutgoingInterchange): Promise<string> {
  if (destination.via === 'http') {
    const response = await httpRequest(destination.url, {
      method: 'POST', body: outgoing.text, timeoutMs: transport.timeoutMs, headers: { 'content-type': X12_CONTENT_TYPE },
    });
    raiseForStatus(response, outgoing.what);
    return `POST ${new URL(destination.url).host}`;
  }
  const session = await openSftp(mailboxSettings(transport));
  try {
    const written = await session.writeAtomic(destination.folder, outgoing.fileName, Buffer.from(outgoing.text, 'utf8'));
    return written.path;
  } finally {
    await session.close();
  }
}

export function mailboxSettings(transport: Transport): SftpSettings {
  if (!transport.mailbox) throw new Error(`${transport.label}: no SFTP mailbox is configured`);
  return { ...transport.mailbox, label: transport.label };
}
