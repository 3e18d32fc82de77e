/**
 * The SFTP mailbox, polled: each interchange partners dropped in the inbox (oldest
 * first, at most 20 per poll; names starting with "." are uploads in progress) is judged.
 * Its orders and filed items go back to the hub, which records them; the partner's 997s
 * settle what we sent at once. Only once all is recorded are our 997s sent to the
 * partners and the files moved to the archive folder, so a crash in between reads the
 * files again: their orders are duplicates of themselves, and the 997s are sent again
 * with the same control numbers.
 */
import { openSftp, type EnvelopeIn, type FiledItem, type PollResult, type SftpEntry } from '../../src/sdk/index.js';
import type { X12Mailbox, X12Partner } from './config.js';
import { judgeInterchange } from './judge-interchange.js';
import type { X12Receiver } from './receive-interchange.js';
import { settleReports } from './record-judgement.js';
import { mailboxSettings, sendToPartner, type Transport } from './send-to-partner.js';

const FILES_PER_POLL = 20;

export interface MailboxReader extends X12Receiver {
  transport: Transport;
}

interface Answer {
  partner: X12Partner;
  fileName: string;
  text: string;
}

export async function readMailbox(reader: MailboxReader, mailbox: X12Mailbox): Promise<PollResult> {
  const session = await openSftp(mailboxSettings(reader.transport));
  const orders: EnvelopeIn[] = [];
  const filed: FiledItem[] = [];
  const answers: Answer[] = [];
  let waiting: SftpEntry[];
  try {
    waiting = (await session.list(mailbox.inbox)).filter((e) => e.isFile && !e.name.startsWith('.'))
      .sort((a, b) => a.modifiedAt - b.modifiedAt || a.name.localeCompare(b.name));
    for (const entry of waiting.slice(0, FILES_PER_POLL)) {
      const bytes = await session.read(`${mailbox.inbox}/${entry.name}`);
      const judgement = await judgeInterchange(reader, bytes, new Date(entry.modifiedAt));
      if (judgement.kind !== 'judged') {
        filed.push({ ...judgement.filed, meta: { via: 'x12-mailbox', fileName: entry.name } });
        continue;
      }
      orders.push(...judgement.orders.map((order) => ({ ...order, meta: { ...order.meta, fileName: entry.name } })));
      filed.push(...judgement.filed.map((item) => ({ ...item, meta: { ...item.meta, fileName: entry.name } })));
      await settleReports(reader, judgement.reports);
      if (judgement.answer) answers.push({ partner: judgement.partner, fileName: answerFileName(judgement.partner, judgement.answerNumber), text: judgement.answer });
    }
  } finally {
    await session.close();
  }
  const taken = waiting.slice(0, FILES_PER_POLL).map((e) => e.name);
  return {
    orders,
    filed,
    more: waiting.length > FILES_PER_POLL,
    afterCommit: () => finish(reader, mailbox, answers, taken),
  };
}

/** After the hub recorded everything: our answers to the partners, then the files to the archive. */
async function finish(reader: MailboxReader, mailbox: X12Mailbox, answers: Answer[], taken: string[]): Promise<void> {
  for (const answer of answers) {
    if (!answer.partner.sendTo) {
      reader.log.warn({ partner: answer.partner.id }, 'a 997 for this partner has nowhere to go: give the partner sendTo');
      continue;
    }
    await sendToPartner(reader.transport, answer.partner.sendTo, { fileName: answer.fileName, text: answer.text, what: `997 ${answer.fileName} to ${answer.partner.id}` });
  }
  if (taken.length === 0) return;
  const session = await openSftp(mailboxSettings(reader.transport));
  try {
    for (const name of taken) await session.move(`${mailbox.inbox}/${name}`, `${mailbox.inbox}/${mailbox.archiveFolder}/${name}`);
  } finally {
    await session.close();
  }
}

export function answerFileName(partner: X12Partner, controlNumber: number): string {
  return `${partner.id}_997_${String(controlNumber).padStart(9, '0')}.x12`;
}
