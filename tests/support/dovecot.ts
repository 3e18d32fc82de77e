// Test support: a real, throw-away Dovecot IMAP server (Debian's dovecot-imapd) per test.
//
// Each instance runs `/usr/sbin/dovecot -F -c <dir>/dovecot.conf` as a child process on a free
// loopback port with its own temporary directory: the config, base_dir (sockets, pid file),
// state_dir, a passwd-file with the test mailboxes, the Maildir store and the logs. Nothing is
// read from or written to /etc/dovecot, /run/dovecot or /var/lib/dovecot, and the system
// service is never touched, so several instances (test files) can run side by side.
// Plain IMAP only (no TLS), PLAIN and LOGIN auth, INBOX plus the auto-created `Processed` and
// `Filed` mailboxes, IDLE on.
//
// As another user: every dovecot process runs as that user (internal, login and mail user).
// As root (CI): dovecot refuses to run imap-login as root ("This process must not be run as
// root") and refuses mail access as root ("Mail access not allowed for root"), so the login
// processes and the mail store use the existing system user `nobody` (no user is created);
// the temp dir is then made traversable (0711) and the mail folder owned by nobody.

import { hasExited, waitForExit } from './child-exit.js';
import { fileSize, lastLines, logAndStderrTail, readFrom } from './log-files.js';
import { freePort } from './ports.js';
import { PortInUseError, retryOnPortClash } from './port-clash.js';
import { descendantsOf, isAlive, killChildTree, killTree, signal, waitUntilGone } from './process-tree.js';
import { spawnRegistry } from './spawn-registry.js';
import { spawnServer } from './spawn-server.js';
import { startOrStop } from './start-or-stop.js';
import { readFirstLine } from './tcp-exchange.js';
import { execFile as execFileCallback, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { constants as fsConstants } from 'node:fs';
import { access, chmod, chown, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';

const execFile = promisify(execFileCallback);

export interface DovecotUser {
  user: string;
  password: string;
}

export interface StartDovecotOptions {
  /** The mailboxes (IMAP logins). Default: one user `orders` with a random password. */
  users?: DovecotUser[];
}

export interface Dovecot {
  /** '127.0.0.1' */
  readonly host: string;
  /** Plain IMAP (no TLS) on host:port. */
  readonly port: number;
  readonly users: DovecotUser[];
  /** The temp dir: dovecot.conf, users (passwd-file), run/ (base_dir), mail/<user>/Maildir, dovecot.log. */
  readonly dir: string;
  /** SIGTERM (SIGKILL after a timeout) for dovecot and all its processes, then removes the temp dir. Safe to call twice. */
  stop(): Promise<void>;
  /** Last lines of dovecot's log and stderr (for assertion messages). */
  logTail(lines?: number): Promise<string>;
}

export const DOVECOT_BINARY = '/usr/sbin/dovecot';
export const DOVECOT_MISSING_MESSAGE =
  `${DOVECOT_BINARY} not found: run \`bash scripts/ensure-system-deps.sh dovecot\` (Debian/Ubuntu: apt-get install dovecot-imapd)`;

/** Runs the login processes and owns the mail store when the tests run as root (see the header). */
const ROOT_MAIL_USER = 'nobody';

const START_TIMEOUT_MS = 10_000;
/** Dovecot needs about 1 s to shut down after SIGTERM (see kill()). */
const SHUTDOWN_GRACE_MS = 1_500;
const EXIT_TIMEOUT_MS = 5_000;
const PORT_ATTEMPTS = 5;
/** Unix socket paths are limited to 107 bytes; the longest dovecot creates is base_dir + '/token-login/imap-urlauth'. */
const MAX_BASE_DIR_LENGTH = 80;

const isRoot = (): boolean => typeof process.getuid === 'function' && process.getuid() === 0;

// Everything we spawned (see spawn-registry.ts). The dovecot master forks log, config, anvil,
// auth, imap-login and one imap process per session: the exit hook kills the whole tree.
const registry = spawnRegistry('order-hub.tests.test-dovecot', killChildTree);

// ---------------------------------------------------------------------------------------------
// Small helpers.

async function assertDovecotInstalled(): Promise<void> {
  try {
    await access(DOVECOT_BINARY, fsConstants.X_OK);
  } catch {
    throw new Error(DOVECOT_MISSING_MESSAGE);
  }
}

/** Characters dovecot's auth accepts in user names (auth_username_chars), and that are safe in paths. */
const USER_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._@-]*$/;

function checkUsers(users: DovecotUser[]): void {
  if (users.length === 0) throw new Error('startDovecot(): `users` must list at least one user');
  const seen = new Set<string>();
  for (const { user, password } of users) {
    if (!USER_PATTERN.test(user)) throw new Error(`startDovecot(): user name ${JSON.stringify(user)} must match ${USER_PATTERN}`);
    if (seen.has(user.toLowerCase())) throw new Error(`startDovecot(): user ${user} is listed twice`);
    seen.add(user.toLowerCase());
    // passwd-file fields are separated by ':' and lines by '\n'.
    if (password === '' || /[:\r\n\0]/.test(password)) {
      throw new Error(`startDovecot(): the password of ${user} must be non-empty without ':', CR, LF or NUL`);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Accounts: which system users the dovecot processes and the mail store run as.

interface Accounts {
  /** default_internal_user: master, config, auth, log, anvil. */
  internalUser: string;
  internalGroup: string;
  /** default_login_user: imap-login (must not be root). */
  loginUser: string;
  /** mail_uid / mail_gid: the imap processes and the Maildir files (must not be root). */
  mailUid: number;
  mailGid: number;
}

async function nobodyIds(): Promise<{ uid: number; gid: number }> {
  try {
    // "nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin"
    const { stdout } = await execFile('getent', ['passwd', ROOT_MAIL_USER]);
    const [, , uid, gid] = stdout.trim().split(':');
    if (Number(uid) > 0 && Number(gid) > 0) return { uid: Number(uid), gid: Number(gid) };
  } catch {
    // fall through
  }
  throw new Error(`startDovecot() as root needs the system user ${ROOT_MAIL_USER} (getent passwd ${ROOT_MAIL_USER} found none)`);
}

/** The name of group `gid` (dovecot's *_group settings take names only). */
async function groupName(gid: number): Promise<string> {
  try {
    // "root:x:0:"
    const { stdout } = await execFile('getent', ['group', String(gid)]);
    const name = stdout.trim().split(':')[0];
    if (name !== undefined && name !== '') return name;
  } catch {
    // fall through
  }
  throw new Error(`startDovecot(): the current group (gid ${gid}) has no name (getent group ${gid} found none); dovecot needs one`);
}

async function accountsFor(): Promise<Accounts> {
  const me = os.userInfo();
  const internalGroup = await groupName(me.gid);
  if (isRoot()) {
    const nobody = await nobodyIds();
    return { internalUser: me.username, internalGroup, loginUser: ROOT_MAIL_USER, mailUid: nobody.uid, mailGid: nobody.gid };
  }
  return { internalUser: me.username, internalGroup, loginUser: me.username, mailUid: me.uid, mailGid: me.gid };
}

// ---------------------------------------------------------------------------------------------
// Layout and configuration.

interface Layout {
  dir: string;
  config: string;
  usersFile: string;
  baseDir: string;
  stateDir: string;
  mailRoot: string;
  log: string;
  stderr: string;
}

function layoutOf(dir: string): Layout {
  return {
    dir,
    config: path.join(dir, 'dovecot.conf'),
    usersFile: path.join(dir, 'users'),
    baseDir: path.join(dir, 'run'),
    stateDir: path.join(dir, 'state'),
    mailRoot: path.join(dir, 'mail'),
    log: path.join(dir, 'dovecot.log'),
    stderr: path.join(dir, 'dovecot.stderr'),
  };
}

/** passwd-file: user:password:uid:gid:gecos:home:shell:extra. Empty uid/gid = mail_uid/mail_gid. */
function passwdFile(layout: Layout, users: DovecotUser[]): string {
  return users.map(({ user, password }) => `${user}:{PLAIN}${password}::::${path.join(layout.mailRoot, user)}::\n`).join('');
}

function dovecotConfig(layout: Layout, accounts: Accounts, port: number, greeting: string, instanceName: string): string {
  return `# Written by tests/support/dovecot.ts for one test instance; see the header there.
# Everything dovecot writes stays under ${layout.dir}.
base_dir = ${layout.baseDir}
state_dir = ${layout.stateDir}
instance_name = ${instanceName}
log_path = ${layout.log}
info_log_path = ${layout.log}
login_greeting = ${greeting}

protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login

default_internal_user = ${accounts.internalUser}
default_internal_group = ${accounts.internalGroup}
default_login_user = ${accounts.loginUser}
mail_uid = ${accounts.mailUid}
mail_gid = ${accounts.mailGid}
first_valid_uid = ${accounts.mailUid}
last_valid_uid = ${accounts.mailUid}
first_valid_gid = ${accounts.mailGid}
last_valid_gid = ${accounts.mailGid}

passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${layout.usersFile}
}
userdb {
  driver = passwd-file
  args = username_format=%u ${layout.usersFile}
}

mail_location = maildir:~/Maildir
namespace inbox {
  inbox = yes
  mailbox Processed {
    auto = create
  }
  mailbox Filed {
    auto = create
  }
}
# IDLE sessions hear of new mail via inotify (within about 0.5 s); this is the fallback without inotify.
mailbox_idle_check_interval = 1 secs
# Tests open many sessions from 127.0.0.1 (the default is 10 per user and IP).
mail_max_userip_connections = 100

service imap-login {
  inet_listener imap {
    port = ${port}
  }
  # No chroot: chroot(2) needs root.
  chroot =
}
# The services that chroot by default (chroot fails as a normal user).
service anvil {
  chroot =
}
service ipc {
  chroot =
}
service old-stats {
  chroot =
}
service imap-urlauth-login {
  chroot =
}
`;
}

async function prepareLayout(accounts: Accounts, users: DovecotUser[]): Promise<Layout> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'hub-test-dovecot-'));
  registry.dirs.add(dir);
  try {
    return await fillLayout(layoutOf(dir), accounts, users);
  } catch (error) {
    await rm(dir, { recursive: true, force: true, maxRetries: 3 }).catch(() => undefined);
    registry.dirs.delete(dir);
    throw error;
  }
}

async function fillLayout(layout: Layout, accounts: Accounts, users: DovecotUser[]): Promise<Layout> {
  const { dir } = layout;
  // Paths go unquoted into dovecot.conf and passdb args; '%' would be a dovecot variable.
  if (/[\s"'%\\#]/.test(dir)) throw new Error(`the temp dir ${dir} must not contain spaces, quotes, '%', '\\' or '#' (dovecot.conf)`);
  if (layout.baseDir.length > MAX_BASE_DIR_LENGTH) {
    throw new Error(`the temp dir ${dir} is too long for dovecot's unix sockets: set TMPDIR to a shorter path`);
  }
  await mkdir(layout.baseDir, { mode: 0o755 });
  await mkdir(layout.stateDir, { mode: 0o755 });
  await mkdir(layout.mailRoot, { mode: 0o700 });
  // Read by the auth process (default_internal_user: the current user) only.
  await writeFile(layout.usersFile, passwdFile(layout, users), { mode: 0o600 });
  if (isRoot()) {
    // The login processes (nobody) reach base_dir/login/, the imap processes (nobody) the mail store.
    await chmod(dir, 0o711);
    await chown(layout.mailRoot, accounts.mailUid, accounts.mailGid);
  }
  return layout;
}

// ---------------------------------------------------------------------------------------------

class DovecotInstance implements Dovecot {
  readonly host = '127.0.0.1';
  port = 0;
  private child: ChildProcess | undefined;
  private stopped = false;
  private readonly greeting: string;
  private readonly instanceName: string;

  constructor(
    private readonly layout: Layout,
    private readonly accounts: Accounts,
    readonly users: DovecotUser[],
  ) {
    const token = randomBytes(6).toString('hex');
    this.greeting = `Dovecot ready (hub-test ${token}).`;
    this.instanceName = `hub-test-dovecot-${token}`;
  }

  get dir(): string {
    return this.layout.dir;
  }

  /** Picks a free port, retrying if another process grabs it before dovecot binds it. */
  async start(): Promise<void> {
    await retryOnPortClash(PORT_ATTEMPTS, 'could not start dovecot', async () => {
      this.port = await freePort();
      await this.launch();
    });
  }

  /** Writes the config for this.port, spawns dovecot in the foreground and waits for our IMAP greeting. */
  private async launch(): Promise<void> {
    await writeFile(this.layout.config, dovecotConfig(this.layout, this.accounts, this.port, this.greeting, this.instanceName), { mode: 0o644 });
    const logOffset = await fileSize(this.layout.log);
    const stderrOffset = await fileSize(this.layout.stderr);
    const spawned = await spawnServer(DOVECOT_BINARY, ['-F', '-c', this.layout.config], this.layout.stderr, registry);
    // The dovecot master.
    const child = spawned.child;
    this.child = child;

    const failure = async (reason: string): Promise<Error> => {
      const log = await readFrom(this.layout.log, logOffset);
      const stderr = await readFrom(this.layout.stderr, stderrOffset);
      const message =
        `dovecot on port ${this.port} ${reason}\n` +
        `--- dovecot log (last lines) ---\n${lastLines(log, 20)}\n` +
        `--- dovecot stderr (last lines) ---\n${lastLines(stderr, 20)}`;
      return /Address already in use/i.test(log + stderr) ? new PortInUseError(message) : new Error(message);
    };

    const deadline = Date.now() + START_TIMEOUT_MS;
    while (Date.now() < deadline) {
      spawned.throwIfSpawnFailed(DOVECOT_MISSING_MESSAGE);
      if (hasExited(child)) {
        throw await failure(`exited during start (code ${child.exitCode}, signal ${child.signalCode})`);
      }
      // Our greeting (with its random token), so the server answering is ours.
      const line = await readFirstLine(this.port, 1_000);
      if (line !== null && line.startsWith('* OK') && line.includes(this.greeting) && !hasExited(child)) return;
      await sleep(50);
    }
    await this.kill();
    throw await failure(`did not send its IMAP greeting within ${START_TIMEOUT_MS} ms`);
  }

  /**
   * SIGTERM to the master, which stops its processes and sessions (about 1 s). A process it
   * spawned a moment before (a login process for a connection that just arrived) is not
   * signalled until it has reported in, and the master waits for it: after SHUTDOWN_GRACE_MS
   * the stragglers get SIGTERM from here. SIGKILL for whatever is left after EXIT_TIMEOUT_MS.
   */
  private async kill(): Promise<void> {
    const child = this.child;
    if (child === undefined || child.pid === undefined) return;
    const pid = child.pid;
    // Found before the master dies: afterwards they are re-parented and hard to tell apart.
    let processes = hasExited(child) ? [] : descendantsOf(pid);
    if (!hasExited(child)) {
      child.kill('SIGTERM');
      if (!(await waitForExit(child, SHUTDOWN_GRACE_MS))) {
        const stragglers = descendantsOf(pid);
        processes = [...new Set([...processes, ...stragglers])];
        for (const straggler of stragglers) signal(straggler, 'SIGTERM');
        if (!(await waitForExit(child, EXIT_TIMEOUT_MS))) {
          killTree(pid);
          if (!(await waitForExit(child, 2_000))) throw new Error(`dovecot pid ${pid} did not exit after SIGTERM and SIGKILL`);
        }
      }
    }
    if (!(await waitUntilGone(processes, EXIT_TIMEOUT_MS))) {
      for (const pid of processes) signal(pid, 'SIGKILL');
      if (!(await waitUntilGone(processes, 2_000))) {
        throw new Error(`dovecot processes ${processes.filter(isAlive).join(', ')} did not exit`);
      }
    }
    registry.children.delete(child);
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    await this.kill();
    await rm(this.layout.dir, { recursive: true, force: true, maxRetries: 3 });
    registry.dirs.delete(this.layout.dir);
  }

  logTail(lines = 20): Promise<string> {
    return logAndStderrTail(this.layout, lines);
  }
}

/**
 * Starts a fresh Dovecot IMAP server on a free 127.0.0.1 port with its own temp dir and the
 * given mailboxes, and resolves once it sends its IMAP greeting. Always `await dovecot.stop()`
 * in afterAll (or a finally).
 */
export async function startDovecot(options: StartDovecotOptions = {}): Promise<Dovecot> {
  await assertDovecotInstalled();
  const users = (options.users ?? [{ user: 'orders', password: randomBytes(12).toString('base64url') }]).map((entry) => ({ ...entry }));
  checkUsers(users);
  const accounts = await accountsFor();
  const instance = new DovecotInstance(await prepareLayout(accounts, users), accounts, users);
  return startOrStop(instance);
}
