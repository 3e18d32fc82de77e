/**
 * The SDK's SFTP client against a real OpenSSH server: key and password auth, the file
 * operations connectors use, atomic uploads, host key pinning and rotation, refused
 * credentials, path confinement, and a server that drops, stops, freezes or restarts.
 * The path rules and the error mapping are also pinned here without a server.
 */
import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BadInputError, HubError, PermanentError, TransientError, UnauthorizedError } from '../../src/sdk/errors/index.js';
import { confineFileName, confinePath, hostKeyFingerprint, openSftp, type SftpSession, type SftpSettings } from '../../src/sdk/sftp/index.js';
import { normaliseRoot } from '../../src/sdk/sftp/confine-path.js';
import { sftpFailure } from '../../src/sdk/sftp/sftp-failure.js';
import { sshdSupportsPassword, startSshd, type TestSshd } from '../support/sshd.js';

/** The error `promise` rejects with; fails the test if it resolves. */
async function failureOf(promise: Promise<unknown>): Promise<HubError> {
  const outcome = await promise.then(() => undefined, (error: unknown) => error);
  if (outcome === undefined) throw new Error('expected a failure, but the call succeeded');
  if (!(outcome instanceof HubError)) throw new Error(`expected a HubError, got ${String(outcome)}`);
  return outcome;
}

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

async function waitUntil(condition: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('path confinement (pure)', () => {
  it('normalises paths under the root', () => {
    expect(confinePath('/', '/inbox/a.txt')).toBe('/inbox/a.txt');
    expect(confinePath('/', 'inbox//./a.txt')).toBe('/inbox/a.txt');
    expect(confinePath('/', '/inbox/../outbox/a.txt')).toBe('/outbox/a.txt');
    expect(confinePath('/data/', 'x.txt')).toBe('/data/x.txt');
    expect(confinePath('/data', '/data/../data/x')).toBe('/data/x');
    expect(confinePath('/data', '/data')).toBe('/data');
  });

  it.each([
    ['/', '../etc/passwd'],
    ['/', '/../etc/passwd'],
    ['/data', '/etc/passwd'],
    ['/data', 'x/../../etc'],
    ['/data', '/datax/y'],
    ['/data', '..'],
    ['/', 'inbox/a\0.txt'],
    ['/', 'inbox\\a.txt'],
    ['/', ''],
  ])('refuses %s + %j with PATH_OUTSIDE_ROOT', (root, input) => {
    const refuse = (): string => confinePath(root, input);
    expect(refuse).toThrow(BadInputError);
    expect(refuse).toThrow(expect.objectContaining({ code: 'PATH_OUTSIDE_ROOT' }));
  });

  it('accepts only single-segment file names', () => {
    expect(confineFileName('ORD_1.txt')).toBe('ORD_1.txt');
    for (const name of ['a/b', '..', '.', '']) {
      expect(() => confineFileName(name)).toThrow(expect.objectContaining({ code: 'BAD_FILE_NAME' }));
    }
    expect(() => confineFileName('a\\b')).toThrow(expect.objectContaining({ code: 'PATH_OUTSIDE_ROOT' }));
  });

  it('treats a relative root as a settings mistake', () => {
    expect(() => normaliseRoot('data')).toThrow(expect.objectContaining({ kind: 'permanent', code: 'SFTP_SETTINGS' }));
  });
});

describe('error mapping (pure)', () => {
  const context = { operation: 'upload', path: '/inbox/a', endpoint: 'h:22', connectionLost: false, writing: true };
  const sftpError = (message: string, code: number | string): Error => Object.assign(new Error(message), { code });

  it('maps SFTP status codes and lost connections to typed errors', () => {
    expect(sftpFailure(sftpError('Failure', 4), context)).toMatchObject({ kind: 'transient', code: 'SFTP_WRITE_FAILED' });
    expect(sftpFailure(sftpError('Failure', 4), { ...context, writing: false })).toMatchObject({ kind: 'permanent' });
    expect(sftpFailure(sftpError('Permission denied', 3), context)).toMatchObject({ kind: 'permanent', code: 'SFTP_PERMISSION' });
    expect(sftpFailure(sftpError('No such file', 2), context)).toMatchObject({ kind: 'permanent', code: 'SFTP_NOT_FOUND' });
    expect(sftpFailure(new Error('No response from server'), context)).toMatchObject({ kind: 'transient', code: 'SFTP_CONNECTION' });
    expect(sftpFailure(sftpError('reset', 'ECONNRESET'), context)).toMatchObject({ kind: 'transient', code: 'SFTP_CONNECTION' });
    expect(sftpFailure(sftpError('Failure', 4), { ...context, connectionLost: true })).toMatchObject({ code: 'SFTP_CONNECTION' });
  });
});

describe('SFTP client against a real OpenSSH server', () => {
  let sshd: TestSshd;
  const passwordAuth = sshdSupportsPassword();

  beforeAll(async () => {
    sshd = await startSshd({ password: passwordAuth });
  });
  afterAll(async () => sshd?.stop());

  const keySettings = (overrides: Partial<SftpSettings> = {}): SftpSettings => ({
    host: sshd.host, port: sshd.port, username: sshd.username, privateKey: sshd.privateKey,
    hostKeyFingerprint: sshd.hostKeyFingerprint, timeoutMs: 5_000, ...overrides,
  });
  const inbox = (name: string): string => `${sshd.paths.inbox}/${name}`;
  const local = (sftpPath: string): string => sshd.localPath(sftpPath);

  async function withSession<T>(use: (session: SftpSession) => Promise<T>, settings = keySettings()): Promise<T> {
    const session = await openSftp(settings);
    try {
      return await use(session);
    } finally {
      await session.close();
    }
  }

  it('computes host key fingerprints exactly like ssh-keygen', () => {
    const publicKey = readFileSync(`${sshd.dir}/ssh_host_ed25519_key.pub`, 'utf8');
    const blob = Buffer.from(publicKey.split(' ')[1]!, 'base64');
    expect(hostKeyFingerprint(blob)).toBe(sshd.hostKeyFingerprint);
  });

  it('connects with key auth and sees the inbox and outbox', async () => {
    await withSession(async (session) => {
      expect(await session.exists(sshd.paths.inbox)).toBe('dir');
      expect(await session.exists(sshd.paths.outbox)).toBe('dir');
      expect(session.closed).toBe(false);
    });
  });

  it('connects with password auth where sshd can check passwords (as root), and says why not elsewhere', async () => {
    if (!passwordAuth) {
      // Without root, sshd (no PAM) cannot check a password: the harness must say so, not hang or pass silently.
      await expect(startSshd({ password: true })).rejects.toThrow(/password/i);
      return;
    }
    const settings = keySettings({ privateKey: undefined, password: sshd.password });
    await withSession(async (session) => {
      await session.writeEmpty(inbox('by-password.txt'));
      expect(existsSync(local(inbox('by-password.txt')))).toBe(true);
      expect(await session.remove(inbox('by-password.txt'))).toBe(true);
    }, settings);
  });

  it('writes, lists, reads, moves and removes a file', async () => {
    await withSession(async (session) => {
      const bytes = Buffer.from('H0001 first order file\r\n', 'latin1');
      await session.writeAtomic(sshd.paths.inbox, 'ORD_A.txt', bytes);

      const listed = await session.list(sshd.paths.inbox);
      const entry = listed.find((e) => e.name === 'ORD_A.txt');
      expect(entry).toMatchObject({ size: bytes.length, isFile: true, isDirectory: false });
      expect(Math.abs(entry!.modifiedAt - statSync(local(inbox('ORD_A.txt'))).mtimeMs)).toBeLessThan(1_000);
      expect(listed.map((e) => e.name)).not.toContain('.');
      expect(await session.read(inbox('ORD_A.txt'))).toEqual(bytes);

      // move creates the missing target folder
      const archived = `${sshd.paths.outbox}/archive/2026/ORD_A.txt`;
      await session.move(inbox('ORD_A.txt'), archived);
      expect(await session.exists(inbox('ORD_A.txt'))).toBe(false);
      expect(readFileSync(local(archived))).toEqual(bytes);
      expect(await session.stat(archived)).toMatchObject({ size: bytes.length, isFile: true });

      expect(await session.remove(archived)).toBe(true);
      expect(await session.remove(archived)).toBe(false);
      expect(existsSync(local(archived))).toBe(false);
    });
  });

  it('writeAtomic stores the exact bytes with their checksum and leaves no temp file', async () => {
    await withSession(async (session) => {
      const bytes = randomBytes(256 * 1024);
      const result = await session.writeAtomic(sshd.paths.inbox, 'ORD_B.txt', bytes);
      expect(result).toEqual({ path: inbox('ORD_B.txt'), size: bytes.length, checksum: sha256(bytes) });
      expect(sha256(readFileSync(local(inbox('ORD_B.txt'))))).toBe(result.checksum);
      expect(readdirSync(local(sshd.paths.inbox)).filter((n) => n.endsWith('.part'))).toEqual([]);

      await session.writeAtomic(sshd.paths.inbox, 'ORD_C.txt', Buffer.from('c'), { tempName: 'upload.tmp' });
      expect(readFileSync(local(inbox('ORD_C.txt')), 'utf8')).toBe('c');
      expect(existsSync(local(inbox('upload.tmp')))).toBe(false);
    });
  });

  it('writeAtomic replaces an existing file (a retried upload of the same name)', async () => {
    await withSession(async (session) => {
      await session.writeAtomic(sshd.paths.inbox, 'ORD_D.txt', Buffer.from('first version, longer'));
      const second = Buffer.from('second');
      const result = await session.writeAtomic(sshd.paths.inbox, 'ORD_D.txt', second);
      expect(readFileSync(local(inbox('ORD_D.txt')))).toEqual(second);
      expect(result.checksum).toBe(sha256(second));
    });
  });

  it('writeEmpty, mkdirp, exists and an empty read', async () => {
    await withSession(async (session) => {
      await session.mkdirp(`${sshd.paths.outbox}/quarantine/deep/er`);
      await session.mkdirp(`${sshd.paths.outbox}/quarantine/deep/er`);
      expect(statSync(local(`${sshd.paths.outbox}/quarantine/deep/er`)).isDirectory()).toBe(true);
      await session.writeEmpty(inbox('ORD_D.txt.done'));
      expect(await session.exists(inbox('ORD_D.txt.done'))).toBe('file');
      expect(await session.read(inbox('ORD_D.txt.done'))).toEqual(Buffer.alloc(0));
    });
  });

  it('reports missing files and refused permissions as permanent errors', async () => {
    await withSession(async (session) => {
      expect(await session.exists(inbox('nope.txt'))).toBe(false);
      expect(await failureOf(session.read(inbox('nope.txt')))).toMatchObject({ kind: 'permanent', code: 'SFTP_NOT_FOUND' });
      expect(await failureOf(session.list(`${sshd.paths.inbox}/no-such-folder`))).toMatchObject({ code: 'SFTP_NOT_FOUND' });
      expect(await failureOf(session.move(inbox('nope.txt'), inbox('still-nope.txt')))).toMatchObject({ code: 'SFTP_NOT_FOUND' });
      // '/' is the root-owned chroot (as root) or the real '/' (otherwise): the SFTP user may not write there.
      const refused = await failureOf(session.writeAtomic('/', 'forbidden.txt', Buffer.from('x')));
      expect(refused).toBeInstanceOf(PermanentError);
      expect(refused.code).toBe('SFTP_PERMISSION');
      expect(session.closed).toBe(false);
    });
  });

  it('refuses ".." escapes and paths outside the root before any network call', async () => {
    const session = await openSftp(keySettings({ root: sshd.paths.outbox }));
    try {
      await session.writeAtomic('.', 'inside.txt', Buffer.from('ok'));
      expect(readFileSync(local(`${sshd.paths.outbox}/inside.txt`), 'utf8')).toBe('ok');
      // Cut the link: a call that reached the network would now fail with SFTP_CONNECTION.
      await sshd.killConnections();
      const attempts: Array<() => Promise<unknown>> = [
        () => session.read('../inbox/ORD_B.txt'),
        () => session.list(sshd.paths.inbox),
        () => session.writeAtomic('/etc', 'passwd', Buffer.from('x')),
        () => session.move('inside.txt', '../../escaped.txt'),
        () => session.exists('a\\b'),
        () => session.remove('x\0y'),
        () => session.writeAtomic('.', '../escaped.txt', Buffer.from('x')),
      ];
      for (const attempt of attempts) {
        const error = await failureOf(attempt());
        expect(error).toBeInstanceOf(BadInputError);
        expect(['PATH_OUTSIDE_ROOT', 'BAD_FILE_NAME']).toContain(error.code);
      }
      expect(existsSync(local('/escaped.txt'))).toBe(false);
    } finally {
      await session.close();
    }
  });

  it('refuses a server whose host key is not the pinned one, and opens no session', async () => {
    const wrong = `SHA256:${Buffer.alloc(32, 7).toString('base64').replace(/=+$/, '')}`;
    const error = await failureOf(openSftp(keySettings({ hostKeyFingerprint: wrong })));
    expect(error).toBeInstanceOf(UnauthorizedError);
    expect(error.code).toBe('HOST_KEY_MISMATCH');
    expect(error.message).toContain(`${sshd.host}:${sshd.port}`);
    expect(error.message).toContain(wrong);
    expect(error.message).toContain(sshd.hostKeyFingerprint);
    expect(error.hint).toContain('verify it with the server\'s administrator, then update hostKeyFingerprint');
  });

  it('refuses a wrong key or a wrong password with AUTH_FAILED', async () => {
    const { privateKey } = generateKeyPairSync('rsa', {
      modulusLength: 2048,
      publicKeyEncoding: { type: 'spki', format: 'pem' },
      privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
    });
    const wrongKey = await failureOf(openSftp(keySettings({ privateKey })));
    expect(wrongKey).toBeInstanceOf(UnauthorizedError);
    expect(wrongKey.code).toBe('AUTH_FAILED');

    const wrongPassword = await failureOf(openSftp(keySettings({ privateKey: undefined, password: 'not-the-password' })));
    expect(wrongPassword).toBeInstanceOf(UnauthorizedError);
    expect(wrongPassword.code).toBe('AUTH_FAILED');
  });

  it('a connection dropped in the middle of a large upload leaves no final file; a new session uploads', async () => {
    const bytes = randomBytes(20 * 1024 * 1024);
    const session = await openSftp(keySettings());
    const upload = session.writeAtomic(sshd.paths.inbox, 'ORD_BIG.txt', bytes);
    const outcome = upload.then(() => undefined, (error: unknown) => error);
    const tempFile = local(inbox('.ORD_BIG.txt.part'));
    await waitUntil(() => existsSync(tempFile), 10_000, 'the temp file to appear');
    expect(statSync(tempFile).size).toBeLessThan(bytes.length);
    await sshd.killConnections();

    const error = await outcome;
    expect(error).toBeInstanceOf(TransientError);
    expect((error as TransientError).code).toBe('SFTP_CONNECTION');
    expect(existsSync(local(inbox('ORD_BIG.txt')))).toBe(false);
    expect(session.closed).toBe(true);
    expect(await failureOf(session.list(sshd.paths.inbox))).toMatchObject({ kind: 'transient', code: 'SFTP_CONNECTION' });
    await session.close();

    await withSession(async (again) => {
      const result = await again.writeAtomic(sshd.paths.inbox, 'ORD_BIG.txt', bytes);
      expect(result.checksum).toBe(sha256(bytes));
    });
    expect(sha256(readFileSync(local(inbox('ORD_BIG.txt'))))).toBe(sha256(bytes));
    expect(existsSync(tempFile)).toBe(false);
  });

  it('an idle session notices the drop and fails the next call as transient', async () => {
    const session = await openSftp(keySettings());
    await sshd.killConnections();
    await waitUntil(() => session.closed, 5_000, 'the session to notice the drop');
    expect(await failureOf(session.read(inbox('ORD_D.txt')))).toMatchObject({ kind: 'transient', code: 'SFTP_CONNECTION' });
    await session.close();
    await session.close();
  });

  it('a frozen server fails the connect within timeoutMs', async () => {
    sshd.pause();
    try {
      const started = Date.now();
      const error = await failureOf(openSftp(keySettings({ timeoutMs: 1_000 })));
      expect(error).toBeInstanceOf(TransientError);
      expect(error.code).toBe('SFTP_CONNECTION');
      expect(Date.now() - started).toBeLessThan(3_000);
    } finally {
      sshd.resume();
    }
  });

  it('a stopped server fails the connect quickly as transient; after restart() it works again', async () => {
    await sshd.kill();
    const started = Date.now();
    const error = await failureOf(openSftp(keySettings({ timeoutMs: 3_000 })));
    expect(error).toBeInstanceOf(TransientError);
    expect(error.code).toBe('SFTP_CONNECTION');
    expect(Date.now() - started).toBeLessThan(3_000);

    await sshd.restart();
    await withSession(async (session) => {
      expect(await session.exists(inbox('ORD_D.txt'))).toBe('file');
    });
  });

  it('after rotateHostKey() the old fingerprint is refused and the new one accepted', async () => {
    const old = sshd.hostKeyFingerprint;
    await sshd.rotateHostKey();
    expect(sshd.hostKeyFingerprint).not.toBe(old);
    const refused = await failureOf(openSftp(keySettings({ hostKeyFingerprint: old })));
    expect(refused).toMatchObject({ kind: 'unauthorized', code: 'HOST_KEY_MISMATCH' });
    expect(refused.message).toContain(sshd.hostKeyFingerprint);
    await withSession(async (session) => {
      expect(await session.exists(sshd.paths.outbox)).toBe('dir');
    }, keySettings({ hostKeyFingerprint: sshd.hostKeyFingerprint }));
  });

  it('stop() kills sshd and removes its temp dir, and is safe to call twice', async () => {
    const other = await startSshd();
    const pid = other.pid;
    writeFileSync(other.localPath(`${other.paths.inbox}/probe.txt`), 'x');
    await other.stop();
    await other.stop();
    expect(existsSync(other.dir)).toBe(false);
    expect(pid !== undefined && existsSync(`/proc/${pid}`)).toBe(false);
  });
});
