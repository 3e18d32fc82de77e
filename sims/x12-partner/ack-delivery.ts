/**
 * Where the partner's 997s go: a file `FA_<ISA13>.x12` in its SFTP drop folder, or a
 * POST to the hub's URL with its bearer token (a non-2xx answer is a failure, and an
 * interchange in the answer, a TA1 say, is handed to `onAnswer`). A failed delivery is
 * tried twice more, half a second apart, before it is given up.
 */
import { sleep } from '../shared/wait.js';
import { isa13 } from './control-numbers.js';
import { postX12 } from './post-x12.js';
import type { SftpMailbox } from './sftp-mailbox.js';
import type { AckVia } from './types.js';

export interface Delivery {
  via: 'sftp' | 'http';
  destination: string;
  status?: number;
}

export type DeliverAck = (text: string, controlNumber: number) => Promise<Delivery>;

const ATTEMPTS = 3;
const RETRY_DELAY_MS = 500;

export function ackDelivery(ackVia: AckVia, mailbox: SftpMailbox | undefined, onAnswer: (body: string, controlNumber: number) => void): DeliverAck {
  if ('url' in ackVia) return (text, controlNumber) => retrying(() => postAck(ackVia, text, controlNumber, onAnswer));
  if (!mailbox) throw new Error('ackVia { sftp: true } needs the sftp option');
  return (text, controlNumber) => retrying(async () => ({
    via: 'sftp' as const, destination: await mailbox.writeFile(mailbox.dropFolder, `FA_${isa13(controlNumber)}.x12`, text),
  }));
}

async function postAck(ackVia: { url: string; token: string }, text: string, controlNumber: number, onAnswer: (body: string, controlNumber: number) => void): Promise<Delivery> {
  const answer = await postX12(ackVia.url, text, ackVia.token);
  if (answer.body.trimStart().startsWith('ISA')) onAnswer(answer.body, controlNumber);
  if (answer.status < 200 || answer.status >= 300) throw Object.assign(new Error(`the hub answered ${answer.status}: ${answer.body.slice(0, 200)}`), { status: answer.status });
  return { via: 'http', destination: ackVia.url, status: answer.status };
}

async function retrying(attempt: () => Promise<Delivery>): Promise<Delivery> {
  for (let tries = 1; ; tries++) {
    try {
      return await attempt();
    } catch (error) {
      if (tries >= ATTEMPTS || isPermanent(error)) throw error;
      await sleep(RETRY_DELAY_MS);
    }
  }
}

/** A 4xx answer will not change by sending the same 997 again. */
function isPermanent(error: unknown): boolean {
  const status = (error as { status?: unknown }).status;
  return typeof status === 'number' && status >= 400 && status < 500;
}
