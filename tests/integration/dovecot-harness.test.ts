/**
 * The Dovecot test harness (tests/support/dovecot.ts) against a real IMAP client (imapflow):
 * login, the auto-created mailboxes, APPEND and FETCH by UID (exact bytes, UIDVALIDITY), MOVE
 * to Processed, IDLE push of new mail to a second session, refused passwords, separate
 * mailboxes per user, and that stop() leaves no process, port or file behind.
 */
import { existsSync } from 'node:fs';
import net from 'node:net';
import { ImapFlow, type ExistsEvent, type ImapFlowOptions, type Logger } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDovecot, type Dovecot } from '../support/dovecot.js';

const ORDER_MAIL = Buffer.from(
  [
    'From: Web Shop <shop@example.test>',
    'To: orders@example.test',
    'Subject: Order 1001',
    'Message-ID: <order-1001@example.test>',
    'Date: Mon, 01 Jan 2024 10:00:00 +0000',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'Order 1001: 2 x widget, 1 x gadget',
    '',
  ].join('\r\n'),
  'utf8',
);

function mailWithSubject(subject: string): Buffer {
  return Buffer.from(`From: shop@example.test\r\nTo: orders@example.test\r\nSubject: ${subject}\r\n\r\n${subject}\r\n`, 'utf8');
}

const silent: Logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

/** Whether something accepts TCP connections on 127.0.0.1:port. */
function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** MESSAGES of a mailbox, by STATUS. */
async function messagesIn(client: ImapFlow, mailbox: string): Promise<number | undefined> {
  const status = await client.status(mailbox, { messages: true });
  if (status === false) throw new Error(`STATUS ${mailbox} failed`);
  return status.messages;
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

describe('dovecot test harness', () => {
  let dovecot: Dovecot;
  const clients: ImapFlow[] = [];

  function imapClient(user = dovecot.users[0]!, extra: Partial<ImapFlowOptions> = {}): ImapFlow {
    const client = new ImapFlow({
      host: dovecot.host,
      port: dovecot.port,
      secure: false,
      doSTARTTLS: false,
      auth: { user: user.user, pass: user.password },
      logger: silent,
      ...extra,
    });
    // A server going away must fail the test through the awaited call, not as an unhandled event.
    client.on('error', () => undefined);
    clients.push(client);
    return client;
  }

  beforeAll(async () => {
    dovecot = await startDovecot();
  });

  afterAll(async () => {
    try {
      await Promise.all(
        clients.map(async (client) => {
          if (client.usable) await withTimeout(client.logout(), 5_000, 'LOGOUT').catch(() => undefined);
          client.close();
        }),
      );
    } finally {
      await dovecot?.stop();
    }
  });

  it('starts with one default user and INBOX, Processed and Filed', async () => {
    expect(dovecot.host).toBe('127.0.0.1');
    expect(dovecot.port).toBeGreaterThan(0);
    expect(dovecot.users).toHaveLength(1);
    expect(dovecot.users[0]!.user).toBe('orders');
    expect(dovecot.users[0]!.password.length).toBeGreaterThanOrEqual(12);
    expect(existsSync(dovecot.dir)).toBe(true);

    const client = imapClient();
    await client.connect();
    expect(client.capabilities.has('IDLE')).toBe(true);
    const paths = (await client.list()).map((mailbox) => mailbox.path).sort();
    expect(paths).toEqual(['Filed', 'INBOX', 'Processed']);
    await client.logout();
  });

  it('appends to INBOX, fetches the exact bytes by UID and moves the message to Processed', async () => {
    const client = imapClient();
    await client.connect();

    const appended = await client.append('INBOX', ORDER_MAIL, ['\\Seen']);
    expect(appended).not.toBe(false);
    if (appended === false) return;
    expect(appended.destination).toBe('INBOX');
    expect(appended.uid).toBeGreaterThan(0);
    expect(typeof appended.uidValidity).toBe('bigint');
    expect(appended.uidValidity! > 0n).toBe(true);
    const uid = appended.uid!;

    const inbox = await client.getMailboxLock('INBOX');
    try {
      const mailbox = client.mailbox;
      expect(mailbox).not.toBe(false);
      if (mailbox === false) return;
      expect(mailbox.uidValidity).toBe(appended.uidValidity);
      expect(mailbox.exists).toBe(1);

      const message = await client.fetchOne(String(uid), { uid: true, source: true, flags: true, envelope: true }, { uid: true });
      expect(message).not.toBe(false);
      if (message === false) return;
      expect(message.uid).toBe(uid);
      expect(Buffer.compare(message.source!, ORDER_MAIL)).toBe(0);
      expect(message.flags?.has('\\Seen')).toBe(true);
      expect(message.envelope?.subject).toBe('Order 1001');
      expect(message.envelope?.messageId).toBe('<order-1001@example.test>');

      const moved = await client.messageMove(String(uid), 'Processed', { uid: true });
      expect(moved).not.toBe(false);
      if (moved === false) return;
      expect(moved.destination).toBe('Processed');
      const processedUid = moved.uidMap?.get(uid);
      expect(processedUid).toBeGreaterThan(0);

      expect(await messagesIn(client, 'INBOX')).toBe(0);

      inbox.release();
      const processed = await client.getMailboxLock('Processed');
      try {
        const there = await client.fetchOne(String(processedUid), { uid: true, source: true }, { uid: true });
        expect(there).not.toBe(false);
        if (there === false) return;
        expect(there.uid).toBe(processedUid);
        expect(Buffer.compare(there.source!, ORDER_MAIL)).toBe(0);
        expect(await messagesIn(client, 'Processed')).toBe(1);
      } finally {
        processed.release();
      }
    } finally {
      inbox.release();
    }
    await client.logout();
  });

  it('pushes new mail to a session idling on INBOX', async () => {
    // Resolves when the server answers IDLE with its "+" continuation (imapflow logs it at debug).
    let acknowledged!: () => void;
    const idleAcknowledged = new Promise<void>((resolve) => {
      acknowledged = resolve;
    });
    const watcherLogger: Logger = {
      ...silent,
      debug: (entry: { msg?: string }) => {
        if (typeof entry?.msg === 'string' && entry.msg.startsWith('Initiated IDLE')) acknowledged();
      },
    };
    const watcher = imapClient(undefined, { disableAutoIdle: true, logger: watcherLogger });
    const sender = imapClient();
    await Promise.all([watcher.connect(), sender.connect()]);

    const opened = await watcher.mailboxOpen('INBOX');
    const before = opened.exists;
    const events: ExistsEvent[] = [];
    const arrived = new Promise<ExistsEvent>((resolve) => {
      watcher.on('exists', (event) => {
        events.push(event);
        resolve(event);
      });
    });
    const idleDone = watcher.idle();
    await withTimeout(idleAcknowledged, 5_000, 'the server to acknowledge IDLE');
    expect(watcher.idling).toBe(true);

    const appended = await sender.append('INBOX', mailWithSubject('Order 1002'));
    expect(appended).not.toBe(false);

    const event = await withTimeout(arrived, 5_000, 'an EXISTS push on the idling session');
    expect(event.path).toBe('INBOX');
    expect(event.prevCount).toBe(before);
    expect(event.count).toBe(before + 1);
    // Nothing but IDLE ran on the watcher: the EXISTS came unsolicited, while idling.
    expect(watcher.idling).toBe(true);
    expect(events).toHaveLength(1);

    // Any command breaks IDLE (DONE); the new message is there.
    const fetched = await watcher.fetchOne('*', { uid: true, envelope: true });
    expect(fetched).not.toBe(false);
    if (fetched !== false) expect(fetched.envelope?.subject).toBe('Order 1002');
    await withTimeout(idleDone, 5_000, 'IDLE to end');
    await Promise.all([watcher.logout(), sender.logout()]);
  });

  it('refuses a wrong password', async () => {
    const client = imapClient({ user: dovecot.users[0]!.user, password: 'not-the-password' });
    const outcome = await client.connect().then(
      () => 'logged in',
      (error: unknown) => error,
    );
    expect(outcome).toBeInstanceOf(Error);
    expect(outcome).toMatchObject({ authenticationFailed: true, serverResponseCode: 'AUTHENTICATIONFAILED' });
  });

  it('gives each configured user a separate mailbox and stop() leaves nothing behind', async () => {
    const second = await startDovecot({
      users: [
        { user: 'shop-a', password: 'alpha-secret' },
        { user: 'shop-b@example.test', password: 'beta-secret' },
      ],
    });
    const local: ImapFlow[] = [];
    try {
      expect(second.port).not.toBe(dovecot.port);
      expect(second.dir).not.toBe(dovecot.dir);
      expect(second.users.map((entry) => entry.user)).toEqual(['shop-a', 'shop-b@example.test']);
      const client = (user: { user: string; password: string }): ImapFlow => {
        const created = new ImapFlow({
          host: second.host,
          port: second.port,
          secure: false,
          doSTARTTLS: false,
          auth: { user: user.user, pass: user.password },
          logger: silent,
        });
        created.on('error', () => undefined);
        local.push(created);
        return created;
      };
      const a = client(second.users[0]!);
      const b = client(second.users[1]!);
      await Promise.all([a.connect(), b.connect()]);
      expect(await a.append('Filed', mailWithSubject('for a'))).not.toBe(false);
      expect(await messagesIn(a, 'Filed')).toBe(1);
      expect(await messagesIn(b, 'Filed')).toBe(0);
      await Promise.all([a.logout(), b.logout()]);
    } finally {
      for (const created of local) created.close();
      await second.stop();
    }
    expect(existsSync(second.dir)).toBe(false);
    expect(await accepts(second.port)).toBe(false);
    // The first instance is untouched.
    expect(await accepts(dovecot.port)).toBe(true);
    await second.stop(); // safe twice
  });
});
