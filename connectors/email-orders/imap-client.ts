/**
 * IMAP connections of the connector (imapflow): one per poll round, one long-lived for
 * IDLE. Login failures are permanent (wrong credentials: fix them), everything else
 * (connection refused, time-outs, server busy) transient. imapflow's own logging is off:
 * the protocol trace would carry addresses and the login.
 */
import { ImapFlow } from 'imapflow';
import { isHubError, PermanentError, TransientError } from '../../src/sdk/index.js';
import type { ImapSettings } from './config.js';

export function imapClient(settings: ImapSettings, options: { idle?: boolean } = {}): ImapFlow {
  const client = new ImapFlow({
    host: settings.host,
    port: settings.port,
    secure: settings.secure,
    auth: { user: settings.user, pass: settings.password },
    logger: false,
    connectionTimeout: settings.timeoutMs,
    greetingTimeout: settings.timeoutMs,
    socketTimeout: options.idle ? undefined : settings.timeoutMs,
    disableAutoIdle: !options.idle,
    // Go into IDLE as soon as the mailbox is open (imapflow waits 15 s by default).
    autoIdleDelay: options.idle ? 100 : undefined,
    // Restart IDLE now and then so a connection silently dropped by a middlebox is noticed.
    maxIdleTime: options.idle ? 5 * 60_000 : undefined,
  } as ConstructorParameters<typeof ImapFlow>[0]);
  // Without a listener a dropped connection would crash the process; callers see the failed command.
  client.on('error', () => undefined);
  return client;
}

export async function connectImap(client: ImapFlow, settings: ImapSettings, instanceId: string): Promise<void> {
  try {
    await client.connect();
  } catch (error) {
    throw classifyImapError(error, settings, instanceId);
  }
}

export function classifyImapError(error: unknown, settings: ImapSettings, instanceId: string): Error {
  if (isHubError(error)) return error;
  const failure = error as { authenticationFailed?: boolean; code?: string; message?: string; responseText?: string };
  const where = `IMAP ${settings.host}:${settings.port} (instance ${instanceId})`;
  if (failure.authenticationFailed || failure.code === 'AUTHENTICATIONFAILED') {
    return new PermanentError(`${where} refused the login of ${settings.user}`, {
      code: 'IMAP_AUTH_FAILED', hint: 'check imap.user and the password in the environment variable the configuration names', cause: error,
    });
  }
  return new TransientError(`${where}: ${failure.responseText ?? failure.message ?? String(error)}`, {
    code: 'IMAP_UNAVAILABLE', hint: 'the next poll tries again; check that the mail server is up and reachable', cause: error,
  });
}

/** Creates a mailbox unless it exists already. */
export async function ensureMailbox(client: ImapFlow, path: string): Promise<void> {
  const list = await client.list();
  if (list.some((box) => box.path === path)) return;
  await client.mailboxCreate(path);
}
