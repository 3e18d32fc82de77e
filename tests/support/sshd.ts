// Test support: a real, throw-away OpenSSH server (SFTP only) per test file.
//
// Each instance runs `/usr/sbin/sshd -D -e` as a child process on a free loopback port with
// its own temporary directory: a fresh ed25519 host key and client key, authorized_keys,
// sshd_config, and the inbox/outbox folders of "OMS flat files v1" (docs/protocols.md).
//
// As root (CI): the SFTP user is the system user `hubsftp` (created once, no login shell),
// confined with ChrootDirectory, so `paths` are `/inbox` and `/outbox`. The temp dir then
// lives under /run, because sshd demands that every component of the chroot path be
// root-owned and not group/other-writable (/tmp is world-writable).
// As another user: sshd can only authenticate the user running it, so that user logs in
// without chroot (`internal-sftp -d <dir>/root`) and `paths` are absolute local paths.
//
// Tests can kill the server, restart it on the same port, freeze it (SIGSTOP), rotate its
// host key, kill the per-connection processes to drop live sessions mid-transfer, or authorize
// another client key.

import { hasExited, waitForExit } from './child-exit.js';
import { fileSize, lastLines, readFrom } from './log-files.js';
import { PortInUseError, retryOnPortClash } from './port-clash.js';
import { descendantsOf, isAlive, killChildTree, signal, waitUntilGone } from './process-tree.js';
import { spawnRegistry } from './spawn-registry.js';
import { spawnServer } from './spawn-server.js';
import { startOrStop } from './start-or-stop.js';
import { readFirstLine } from './tcp-exchange.js';
import { execFile as execFileCallback, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { constants as fsConstants, existsSync } from 'node:fs';
import { access, appendFile, chmod, chown, link, mkdir, mkdtemp, readFile, rm, stat, unlink, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';

const execFile = promisify(execFileCallback);

export interface StartSshdOptions {
  /** Also allow password authentication (root only: sshd without PAM reads /etc/shadow). */
  password?: boolean;
}

export interface TestSshd {
  /** '127.0.0.1' */
  readonly host: string;
  readonly port: number;
  readonly username: string;
  /** The client's private key (OpenSSH format, ed25519). */
  readonly privateKey: string;
  /** Set when started with `{ password: true }`. */
  readonly password?: string;
  /** 'SHA256:<base64 without padding>', exactly as `ssh-keygen -l -E sha256 -f` prints it. */
  readonly hostKeyFingerprint: string;
  /** Folders as an SFTP client sees them. */
  readonly paths: { inbox: string; outbox: string };
  /** The temp dir (keys, config, log, and the served files). */
  readonly dir: string;
  /** PID of the listening sshd, or undefined while it is not running. */
  readonly pid: number | undefined;
  /** The local filesystem path behind an SFTP path (to inspect the server's files directly). */
  localPath(sftpPath: string): string;
  /** Closes everything and removes the temp dir. Safe to call twice. */
  stop(): Promise<void>;
  /** The whole server goes down: the listener gets `signal` (default SIGKILL), live sessions are killed too. */
  kill(signal?: NodeJS.Signals): Promise<void>;
  /** kill(), then sshd again on the same port with the same keys; waits for its banner. */
  restart(): Promise<void>;
  /** SIGSTOP the listening sshd: new connections hang before the banner (live sessions go on). */
  pause(): void;
  /** SIGCONT */
  resume(): void;
  /** A new host key and a restart on the same port; hostKeyFingerprint changes. */
  rotateHostKey(): Promise<void>;
  /** Kills the per-connection sshd processes (drops live sessions at once); the listener stays. */
  killConnections(): Promise<void>;
  /** Adds a public key (one `ssh-ed25519 AAAA... comment` line) to authorized_keys; the next login may use it. */
  authorizeKey(publicKey: string): Promise<void>;
  /** Last lines of the sshd log (for assertion messages). */
  logTail(lines?: number): Promise<string>;
}

export const SSHD_BINARY = '/usr/sbin/sshd';
export const SSHD_MISSING_MESSAGE =
  `${SSHD_BINARY} not found: run \`bash scripts/ensure-system-deps.sh sshd\` (Debian/Ubuntu: apt-get install openssh-server)`;

/** The system user SFTP clients log in as when the tests run as root. */
const SFTP_USER = 'hubsftp';
/** Root-owned parent of the per-instance dirs when running as root (see the header). */
const ROOT_BASE_DIR = '/run/order-hub-test-sshd';
/** One password for hubsftp per machine, so concurrent test files do not overwrite each other's. */
const PASSWORD_FILE = path.join(ROOT_BASE_DIR, `${SFTP_USER}.password`);
/** sshd's privilege separation directory on Debian; sshd refuses to start as root without it. */
const PRIVSEP_DIR = '/run/sshd';

const START_TIMEOUT_MS = 10_000;
const EXIT_TIMEOUT_MS = 5_000;
const PORT_ATTEMPTS = 5;

const isRoot = (): boolean => typeof process.getuid === 'function' && process.getuid() === 0;

// Everything we spawned (see spawn-registry.ts). sshd forks one process (or more, with privilege
// separation) per connection, each in its own session: the exit hook kills the whole tree.
const registry = spawnRegistry('order-hub.tests.test-sshd', killChildTree);

/** Waits for the per-connection processes `sessions` to exit (see process-tree.ts). */
async function waitUntilSessionsGone(sessions: number[]): Promise<void> {
  if (!(await waitUntilGone(sessions, EXIT_TIMEOUT_MS))) {
    throw new Error(`sshd processes ${sessions.filter(isAlive).join(', ')} did not exit`);
  }
}

// ---------------------------------------------------------------------------------------------
// Small helpers.

/** A port that was free a moment ago on 127.0.0.1 (the OS picks it). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => (port > 0 ? resolve(port) : reject(new Error('could not allocate a port'))));
    });
  });
}

async function run(command: string, args: string[], input?: string): Promise<string> {
  if (input === undefined) return (await execFile(command, args)).stdout;
  return new Promise((resolve, reject) => {
    const child = execFileCallback(command, args, (error, stdout) => (error ? reject(error) : resolve(stdout)));
    child.stdin?.end(input);
  });
}

/** `run`, retried while another process holds the /etc/passwd or /etc/shadow lock. */
async function runWhileLocked(command: string, args: string[], input?: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await run(command, args, input);
      return;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (attempt >= 20 || !/lock|try again/i.test(message)) throw error;
      await sleep(100);
    }
  }
}

async function assertSshdInstalled(): Promise<void> {
  try {
    await access(SSHD_BINARY, fsConstants.X_OK);
  } catch {
    throw new Error(SSHD_MISSING_MESSAGE);
  }
}

/** [major, minor] of the installed OpenSSH, e.g. [9, 2]. */
async function opensshVersion(): Promise<[number, number]> {
  let text: string;
  try {
    const { stdout, stderr } = await execFile(SSHD_BINARY, ['-V']);
    text = `${stdout}${stderr}`;
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string };
    text = `${failed.stdout ?? ''}${failed.stderr ?? ''}`;
  }
  const match = /OpenSSH_(\d+)\.(\d+)/.exec(text);
  return match ? [Number(match[1]), Number(match[2])] : [0, 0];
}

async function generateKey(file: string, comment: string): Promise<void> {
  await rm(file, { force: true });
  await rm(`${file}.pub`, { force: true });
  try {
    await execFile('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', comment, '-f', file]);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new Error('ssh-keygen not found: run `bash scripts/ensure-system-deps.sh sshd`');
    }
    throw error;
  }
}

/** The SHA256 fingerprint exactly as `ssh-keygen -l -E sha256 -f` prints it ("256 SHA256:... comment (ED25519)"). */
async function fingerprintOf(publicKeyFile: string): Promise<string> {
  const { stdout } = await execFile('ssh-keygen', ['-l', '-E', 'sha256', '-f', publicKeyFile]);
  const fingerprint = stdout.trim().split(/\s+/)[1];
  if (fingerprint === undefined || !fingerprint.startsWith('SHA256:')) {
    throw new Error(`unexpected ssh-keygen -l output: ${stdout}`);
  }
  return fingerprint;
}

// ---------------------------------------------------------------------------------------------
// Root only: the confined system user.

async function userExists(name: string): Promise<boolean> {
  try {
    await execFile('getent', ['passwd', name]);
    return true;
  } catch {
    return false;
  }
}

async function ensureSftpUser(): Promise<{ uid: number; gid: number }> {
  if (!(await userExists(SFTP_USER))) {
    try {
      await runWhileLocked('useradd', ['--system', '--no-create-home', '--shell', '/usr/sbin/nologin', SFTP_USER]);
    } catch (error) {
      // Another test file may have created it at the same moment.
      if (!(await userExists(SFTP_USER))) throw error;
    }
  }
  // "name:x:uid:gid:..."
  const [, , uid, gid] = (await run('getent', ['passwd', SFTP_USER])).trim().split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

/** The machine's hubsftp password, created once (first writer wins, atomically via link()). */
async function sharedPassword(): Promise<{ password: string; created: boolean }> {
  try {
    return { password: (await readFile(PASSWORD_FILE, 'utf8')).trim(), created: false };
  } catch {
    // not there yet
  }
  const candidate = randomBytes(18).toString('base64url');
  const draft = `${PASSWORD_FILE}.${process.pid}.${randomBytes(4).toString('hex')}`;
  await writeFile(draft, `${candidate}\n`, { mode: 0o600 });
  try {
    await link(draft, PASSWORD_FILE);
    return { password: candidate, created: true };
  } catch {
    return { password: (await readFile(PASSWORD_FILE, 'utf8')).trim(), created: false };
  } finally {
    await unlink(draft).catch(() => undefined);
  }
}

/**
 * Gives hubsftp the shared password when it has none. Needed for key auth too: useradd leaves
 * the account locked ('!' in /etc/shadow) and sshd without PAM refuses locked accounts.
 */
async function ensureUsablePassword(): Promise<string> {
  const { password, created } = await sharedPassword();
  const shadow = (await run('getent', ['shadow', SFTP_USER])).split(':')[1] ?? '';
  const unusable = shadow === '' || shadow.startsWith('!') || shadow === '*';
  if (created || unusable) await runWhileLocked('chpasswd', [], `${SFTP_USER}:${password}\n`);
  return password;
}

/** Every component of `dir` must be root-owned and not group/other-writable for ChrootDirectory. */
async function assertChrootable(dir: string): Promise<void> {
  for (let current = dir; ; current = path.dirname(current)) {
    const info = await stat(current);
    if (info.uid !== 0 || (info.mode & 0o022) !== 0) {
      throw new Error(`${current} must be root-owned and not group/other-writable for sshd's ChrootDirectory`);
    }
    if (current === path.dirname(current)) return;
  }
}

// ---------------------------------------------------------------------------------------------
// Layout and configuration.

interface Layout {
  dir: string;
  username: string;
  /** Local folder SFTP absolute paths start from: the chroot (root) or '/' (others). */
  servedRoot: string;
  /** SFTP path relative paths start from (`internal-sftp -d`). */
  startDir: string;
  inbox: string;
  outbox: string;
  chrootDir: string | undefined;
  hostKey: string;
  clientKey: string;
  authorizedKeys: string;
  config: string;
  pidFile: string;
  log: string;
}

async function prepareRootLayout(): Promise<Layout> {
  await mkdir(PRIVSEP_DIR, { recursive: true, mode: 0o755 });
  await mkdir(ROOT_BASE_DIR, { recursive: true, mode: 0o755 });
  await chmod(ROOT_BASE_DIR, 0o755);
  const dir = await mkdtemp(path.join(ROOT_BASE_DIR, 'sshd-'));
  registry.dirs.add(dir);
  // hubsftp reads authorized_keys from here during authentication.
  await chmod(dir, 0o755);
  const chrootDir = path.join(dir, 'chroot');
  await mkdir(chrootDir, { mode: 0o755 });
  await assertChrootable(chrootDir);
  const owner = await ensureSftpUser();
  for (const folder of ['inbox', 'outbox']) {
    await mkdir(path.join(chrootDir, folder), { mode: 0o755 });
    await chown(path.join(chrootDir, folder), owner.uid, owner.gid);
  }
  return { ...commonLayout(dir), username: SFTP_USER, servedRoot: chrootDir, startDir: '/', inbox: '/inbox', outbox: '/outbox', chrootDir };
}

/**
 * sshd without PAM refuses an account whose shadow entry is locked ('!'), even for keys. A
 * non-root process usually cannot read /etc/shadow (then sshd cannot tell either), but some
 * NSS modules answer for system users such as `nobody`: say so instead of failing every login.
 */
async function assertNotLocked(username: string): Promise<void> {
  const entry = await run('getent', ['shadow', username]).catch(() => '');
  if ((entry.split(':')[1] ?? '').startsWith('!')) {
    throw new Error(`the account ${username} is locked in the shadow database; sshd (UsePAM no) would refuse it: run the tests as a regular user or as root`);
  }
}

async function prepareUserLayout(): Promise<Layout> {
  const username = os.userInfo().username;
  await assertNotLocked(username);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'hub-test-sshd-'));
  registry.dirs.add(dir);
  const served = path.join(dir, 'root');
  if (/\s/.test(served)) throw new Error(`the temp dir ${served} must not contain spaces (sshd_config ForceCommand)`);
  await mkdir(path.join(served, 'inbox'), { recursive: true });
  await mkdir(path.join(served, 'outbox'), { recursive: true });
  return {
    ...commonLayout(dir),
    username,
    servedRoot: '/',
    startDir: served,
    inbox: path.join(served, 'inbox'),
    outbox: path.join(served, 'outbox'),
    chrootDir: undefined,
  };
}

function commonLayout(dir: string): Omit<Layout, 'username' | 'servedRoot' | 'startDir' | 'inbox' | 'outbox' | 'chrootDir'> {
  return {
    dir,
    hostKey: path.join(dir, 'ssh_host_ed25519_key'),
    clientKey: path.join(dir, 'client_ed25519'),
    authorizedKeys: path.join(dir, 'authorized_keys'),
    config: path.join(dir, 'sshd_config'),
    pidFile: path.join(dir, 'sshd.pid'),
    log: path.join(dir, 'sshd.log'),
  };
}

function sshdConfig(layout: Layout, port: number, password: boolean, version: [number, number]): string {
  const lines = [
    'ListenAddress 127.0.0.1',
    `Port ${port}`,
    `HostKey ${layout.hostKey}`,
    `PidFile ${layout.pidFile}`,
    `AuthorizedKeysFile ${layout.authorizedKeys}`,
    `AllowUsers ${layout.username}`,
    'PubkeyAuthentication yes',
    `PasswordAuthentication ${password ? 'yes' : 'no'}`,
    'KbdInteractiveAuthentication no',
    'UsePAM no',
    'PermitRootLogin no',
    'Subsystem sftp internal-sftp',
    `ForceCommand internal-sftp -d ${layout.startDir}`,
    ...(layout.chrootDir === undefined ? [] : [`ChrootDirectory ${layout.chrootDir}`]),
    'AllowTcpForwarding no',
    'AllowAgentForwarding no',
    'PermitTunnel no',
    'X11Forwarding no',
    'StrictModes no',
    'LogLevel ERROR',
  ];
  // OpenSSH 9.8+ penalises sources whose connections end without authenticating or crash:
  // exactly what tests do (banner probes, killed sessions), so loopback would get refused.
  const [major, minor] = version;
  if (major > 9 || (major === 9 && minor >= 8)) lines.push('PerSourcePenalties no');
  return `${lines.join('\n')}\n`;
}

// ---------------------------------------------------------------------------------------------

class SshdInstance implements TestSshd {
  readonly host = '127.0.0.1';
  port = 0;
  privateKey = '';
  password: string | undefined;
  hostKeyFingerprint = '';
  private child: ChildProcess | undefined;
  private paused = false;
  private stopped = false;
  private readonly stderrFile: string;

  constructor(
    private readonly layout: Layout,
    private readonly passwordAuth: boolean,
    private readonly version: [number, number],
  ) {
    this.stderrFile = layout.log;
  }

  get username(): string {
    return this.layout.username;
  }

  get dir(): string {
    return this.layout.dir;
  }

  get paths(): { inbox: string; outbox: string } {
    return { inbox: this.layout.inbox, outbox: this.layout.outbox };
  }

  get pid(): number | undefined {
    return this.child !== undefined && !hasExited(this.child) ? this.child.pid : undefined;
  }

  localPath(sftpPath: string): string {
    const normalised = path.posix.resolve(this.layout.startDir, sftpPath);
    return this.layout.servedRoot === '/' ? normalised : path.join(this.layout.servedRoot, normalised);
  }

  /** Keys, authorized_keys and (as root) the password; then the first launch on a free port. */
  async start(): Promise<void> {
    await generateKey(this.layout.hostKey, 'order-hub test sshd host key');
    await generateKey(this.layout.clientKey, 'order-hub test client');
    await writeFile(this.layout.authorizedKeys, await readFile(`${this.layout.clientKey}.pub`), { mode: 0o644 });
    this.privateKey = await readFile(this.layout.clientKey, 'utf8');
    this.hostKeyFingerprint = await fingerprintOf(`${this.layout.hostKey}.pub`);
    if (this.layout.chrootDir !== undefined) {
      const password = await ensureUsablePassword();
      if (this.passwordAuth) this.password = password;
    }
    await retryOnPortClash(PORT_ATTEMPTS, 'could not start sshd', async () => {
      this.port = await freePort();
      await this.launch();
    });
  }

  /** Writes the config for this.port, spawns sshd and waits for its banner. */
  private async launch(): Promise<void> {
    await writeFile(this.layout.config, sshdConfig(this.layout, this.port, this.passwordAuth, this.version), { mode: 0o644 });
    await rm(this.layout.pidFile, { force: true });
    const logOffset = await fileSize(this.stderrFile);
    const spawned = await spawnServer(SSHD_BINARY, ['-D', '-e', '-f', this.layout.config], this.stderrFile, registry);
    // The listening sshd.
    const child = spawned.child;
    this.child = child;
    this.paused = false;

    const failure = async (reason: string): Promise<Error> => {
      const text = await readFrom(this.stderrFile, logOffset);
      const message = `sshd on port ${this.port} ${reason}\n--- sshd log (last lines) ---\n${lastLines(text, 20)}`;
      return /Address already in use|Cannot bind any address/i.test(text) ? new PortInUseError(message) : new Error(message);
    };

    const deadline = Date.now() + START_TIMEOUT_MS;
    while (Date.now() < deadline) {
      spawned.throwIfSpawnFailed(SSHD_MISSING_MESSAGE);
      if (hasExited(child)) {
        throw await failure(`exited during start (code ${child.exitCode}, signal ${child.signalCode})`);
      }
      if (await this.answersAsItself(child)) return;
      await sleep(50);
    }
    killChildTree(child);
    await waitForExit(child, 2_000);
    throw await failure(`did not send its SSH-2.0 banner within ${START_TIMEOUT_MS} ms`);
  }

  /** Our sshd wrote its pid file (so it holds the port) and the port answers with an SSH banner. */
  private async answersAsItself(child: ChildProcess): Promise<boolean> {
    const pidText = await readFile(this.layout.pidFile, 'utf8').catch(() => '');
    if (Number(pidText.trim()) !== child.pid) return false;
    const banner = await readFirstLine(this.port, 500);
    return banner !== null && banner.startsWith('SSH-2.0') && !hasExited(child);
  }

  async kill(killSignal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const child = this.child;
    if (child === undefined || hasExited(child) || child.pid === undefined) return;
    // Found before the listener dies: afterwards they are re-parented and hard to tell apart.
    const sessions = descendantsOf(child.pid);
    child.kill(killSignal);
    // A stopped process only acts on SIGKILL; let it see anything else.
    if (this.paused && killSignal !== 'SIGKILL' && killSignal !== 'SIGSTOP') child.kill('SIGCONT');
    if (!(await waitForExit(child, EXIT_TIMEOUT_MS))) {
      child.kill('SIGKILL');
      if (!(await waitForExit(child, 2_000))) throw new Error(`sshd pid ${child.pid} did not exit after ${killSignal} and SIGKILL`);
    }
    for (const pid of sessions) signal(pid, 'SIGKILL');
    await waitUntilSessionsGone(sessions);
    this.paused = false;
    registry.children.delete(child);
  }

  async restart(): Promise<void> {
    if (this.stopped) throw new Error('TestSshd.restart() called after stop()');
    await this.kill('SIGKILL');
    // sshd binds with SO_REUSEADDR, so the same port is free again at once.
    await this.launch();
  }

  pause(): void {
    this.running().kill('SIGSTOP');
    this.paused = true;
  }

  resume(): void {
    this.running().kill('SIGCONT');
    this.paused = false;
  }

  async rotateHostKey(): Promise<void> {
    if (this.stopped) throw new Error('TestSshd.rotateHostKey() called after stop()');
    await generateKey(this.layout.hostKey, 'order-hub test sshd host key (rotated)');
    this.hostKeyFingerprint = await fingerprintOf(`${this.layout.hostKey}.pub`);
    await this.restart();
  }

  async killConnections(): Promise<void> {
    const pid = this.running().pid;
    if (pid === undefined) return;
    const sessions = descendantsOf(pid);
    for (const session of sessions) signal(session, 'SIGKILL');
    await waitUntilSessionsGone(sessions);
  }

  async authorizeKey(publicKey: string): Promise<void> {
    const line = publicKey.trim();
    if (!/^\S+ \S+/.test(line) || line.includes('\n')) throw new Error('authorizeKey() takes one public key line, as in <key>.pub');
    // sshd reads authorized_keys at each login: no restart needed.
    await appendFile(this.layout.authorizedKeys, `${line}\n`);
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    await this.kill('SIGKILL');
    await rm(this.layout.dir, { recursive: true, force: true, maxRetries: 3 });
    registry.dirs.delete(this.layout.dir);
  }

  async logTail(lines = 20): Promise<string> {
    return lastLines(await readFrom(this.stderrFile, 0), lines);
  }

  private running(): ChildProcess {
    if (this.child === undefined || hasExited(this.child)) throw new Error('sshd is not running');
    return this.child;
  }
}

/**
 * Starts a fresh OpenSSH server (SFTP only) on a free 127.0.0.1 port with its own temp dir and
 * resolves once it sends its SSH banner. Always `await sshd.stop()` in afterAll.
 */
export async function startSshd(options: StartSshdOptions = {}): Promise<TestSshd> {
  await assertSshdInstalled();
  if (options.password === true && !isRoot()) {
    throw new Error('startSshd({ password: true }) needs root: sshd without PAM can only check passwords in /etc/shadow');
  }
  const layout = isRoot() ? await prepareRootLayout() : await prepareUserLayout();
  const instance = new SshdInstance(layout, options.password === true, await opensshVersion());
  return startOrStop(instance);
}

/** Whether password authentication can be tested here (see StartSshdOptions.password). */
export function sshdSupportsPassword(): boolean {
  return isRoot() && existsSync(SSHD_BINARY);
}
